package dev.estserver.operator.estserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of everything the pods read at startup. Kubernetes rolls a Deployment only when its pod template changes;
 * mounted Secrets and ConfigMaps change under it silently and environment variables from Secrets not at all, so this
 * digest, set as a pod-template annotation, is what makes a rotated CA, certificate or password reach the pods.
 */
final class PodTemplateHash {

    private final Map<String, String> parts = new TreeMap<>();

    /** @param name where the value comes from, e.g. {@code secret/est-ca/tls.key}; names keep parts apart */
    PodTemplateHash add(String name, String value) {
        parts.put(name, value == null ? "" : value);
        return this;
    }

    PodTemplateHash addAll(String prefix, Map<String, String> values) {
        if (values != null) {
            values.forEach((k, v) -> add(prefix + "/" + k, v));
        }
        return this;
    }

    String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            parts.forEach((k, v) -> {
                sha256.update(k.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(v.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
