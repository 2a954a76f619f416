package dev.estserver.service.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.WithDefault;

/** One certificate profile as configured under {@code est.profiles.<name>}. */
public interface ProfileConfig {

    /** Validity of issued certificates; never beyond the issuing CA's own notAfter. */
    @WithDefault("P365D")
    Duration validity();

    /**
     * Key usages: digital-signature, non-repudiation, key-encipherment, data-encipherment, key-agreement.
     * key-encipherment and data-encipherment are dropped for keys that cannot encrypt (EC, Ed25519).
     */
    @WithDefault("digital-signature,key-encipherment")
    List<String> keyUsage();

    /** Extended key usages: client-auth, server-auth, code-signing, email-protection, time-stamping, ocsp-signing. */
    @WithDefault("client-auth")
    List<String> extendedKeyUsage();

    /** Accepted CSR keys: rsa-2048, rsa-3072, rsa-4096 (minimum RSA size), ec-p256, ec-p384, ed25519. */
    @WithDefault("rsa-2048,ec-p256,ec-p384,ed25519")
    List<String> allowedKeys();

    /** What {@code /simpleenroll} does for a device that already holds a certificate: reject (409) or allow. */
    @WithDefault("reject")
    String duplicateDevice();
}
