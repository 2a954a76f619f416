package dev.estserver.operator.kube;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;

import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;

/** Reads and writes Secret values, which the API carries base64-encoded (or as stringData on write). */
public final class SecretData {

    private SecretData() {
    }

    public static Optional<String> text(Secret secret, String key) {
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key));
    }

    /**
     * @param field the spec field that names the Secret, for the message
     * @throws InvalidSpec SecretNotFound or SecretKeyMissing naming the field
     */
    public static String required(Secret secret, String field, String name, String key) throws InvalidSpec {
        if (secret == null) {
            throw new InvalidSpec(Reason.SECRET_NOT_FOUND, field + ": Secret '" + name + "' does not exist");
        }
        return text(secret, key).orElseThrow(() -> new InvalidSpec(Reason.SECRET_KEY_MISSING,
                field + ": Secret '" + name + "' has no key '" + key + "'"));
    }

    public static Map<String, String> encode(Map<String, String> values) {
        Map<String, String> encoded = new TreeMap<>();
        values.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }
}
