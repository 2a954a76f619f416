package dev.estserver.bench.run;

import java.security.KeyPair;
import java.util.Arrays;

import dev.estserver.service.ca.KeyPairs;

/** The issuing CA's key type. It changes the certificate signature only: device keys are always EC P-256. */
public enum CaAlgorithm {
    EC_P256("ec-p256", "ECDSA P-256"),
    RSA_2048("rsa-2048", "RSA-2048");

    private final String id;
    private final String description;

    CaAlgorithm(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** As the command line and the summary lines name it ({@code ca=ec-p256}). */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    KeyPair generateKeys() {
        return switch (this) {
            case EC_P256 -> KeyPairs.ecP256();
            case RSA_2048 -> KeyPairs.rsa(2048);
        };
    }

    static CaAlgorithm of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown CA algorithm '" + id + "'; expected one of "
                        + Arrays.stream(values()).map(CaAlgorithm::id).toList()));
    }
}
