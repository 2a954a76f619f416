package dev.estserver.operator.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The YAML under deploy/ and src-crds/ as the tests read it: documents as trees, and a strict reader of types. */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Fails on a property the Java type does not have, so that a manifest cannot drift from the API types. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Manifests() {
    }

    /** The checkout's root: the nearest directory up from the working directory (the module) that has deploy/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("src-crds"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no directory with deploy/ and src-crds/ above " + Path.of("").toAbsolutePath());
    }

    /** What {@code kubectl apply -k <dir>} would apply, offline. */
    static List<JsonNode> kustomize(Path dir) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
            kubectl.getOutputStream().close();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return documents(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The non-empty documents of a multi-document YAML text (a file of comments only has none). */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** The document as {@code type}, failing on any property the type does not know. */
    static <T> T strictly(JsonNode document, Class<T> type) {
        try {
            return STRICT.treeToValue(document, type);
        } catch (IOException e) {
            throw new AssertionError(type.getSimpleName() + " does not read " + document.path("metadata")
                    .path("name").asText("(unnamed)") + ": " + e.getMessage(), e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode only(List<JsonNode> documents, String kind) {
        List<JsonNode> found = ofKind(documents, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.getFirst();
    }
}
