package dev.estserver.service.policy;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A certificate profile: what a label's certificates look like and which CSRs it accepts.
 *
 * @param keyUsage KeyUsage bits (BouncyCastle {@code KeyUsage} constants), before dropping those the key cannot do
 */
public record Profile(
        String name,
        Duration validity,
        int keyUsage,
        List<KeyPurposeId> extendedKeyUsage,
        List<KeyRequirement> allowedKeys,
        DuplicateDevicePolicy duplicateDevice) {
}
