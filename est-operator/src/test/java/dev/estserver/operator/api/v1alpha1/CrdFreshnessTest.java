package dev.estserver.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The CRDs in {@code src-crds/} are what users apply, so they must be exactly what the Java types generate; the
 * install kustomization holds a copy in {@code deploy/operator/crds/} (kustomize loads nothing outside its
 * directory). After changing the types, run {@code make crds} (this test with {@code -Dcrds.update=true}) and commit
 * the result.
 */
class CrdFreshnessTest {

    private static final List<Path> COMMITTED = List.of(Path.of("..", "src-crds"),
            Path.of("..", "deploy", "operator", "crds"));
    private static final List<String> FILES = List.of("estservers.estserver.dev-v1.yml",
            "deviceenrollments.estserver.dev-v1.yml");

    @TempDir
    static Path generated;

    @BeforeAll
    static void generate() throws IOException {
        new CRDGenerator().inOutputDir(generated.toFile()).forCRDVersions("v1")
                .customResourceClasses(EstServer.class, DeviceEnrollment.class).generate();
        if (Boolean.getBoolean("crds.update")) {
            for (Path directory : COMMITTED) {
                for (String file : FILES) {
                    Files.copy(generated.resolve(file), directory.resolve(file),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void committedCrdsMatchTheJavaTypes() throws IOException {
        for (Path directory : COMMITTED) {
            for (String file : FILES) {
                assertThat(directory.resolve(file))
                        .as(directory + "/" + file + " is stale: run `make crds` and commit it")
                        .hasContent(Files.readString(generated.resolve(file)));
            }
        }
    }

    @Test
    void everyFieldOfOurOwnTypesIsDescribed() throws IOException {
        for (String file : FILES) {
            CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(generated.resolve(file)),
                    CustomResourceDefinition.class);
            JSONSchemaProps root = crd.getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
            List<String> undescribed = new ArrayList<>();
            collectUndescribed("", root.getProperties(), undescribed);
            assertThat(undescribed).as(file + ": fields without a description").isEmpty();
        }
    }

    @Test
    void crossFieldRulesAreCel() throws IOException {
        String estServers = Files.readString(generated.resolve(FILES.getFirst()));
        assertThat(estServers).contains("has(self.secretRef) != has(self.generate)", "has(self.url) != has(self.host)");
    }

    /** Kubernetes' own types (resources, conditions) are described by Kubernetes; ours must be described here. */
    private static void collectUndescribed(String path, Map<String, JSONSchemaProps> properties, List<String> out) {
        if (properties == null) {
            return;
        }
        properties.forEach((name, schema) -> {
            String field = path.isEmpty() ? name : path + "." + name;
            if (schema.getDescription() == null || schema.getDescription().isBlank()) {
                out.add(field);
            }
            if (!List.of("resources", "conditions", "metadata").contains(name)) {
                collectUndescribed(field, schema.getProperties(), out);
                if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
                    collectUndescribed(field + ".*", schema.getAdditionalProperties().getSchema().getProperties(),
                            out);
                }
            }
        });
    }
}
