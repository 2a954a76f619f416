package dev.estserver.service.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import dev.estserver.service.config.ProfileConfig;

/** Turns {@code est.profiles.<name>} configuration into a {@link Profile}, naming the property on any error. */
final class ProfileParser {

    private static final Map<String, Integer> KEY_USAGES = Map.of(
            "digital-signature", KeyUsage.digitalSignature,
            "non-repudiation", KeyUsage.nonRepudiation,
            "key-encipherment", KeyUsage.keyEncipherment,
            "data-encipherment", KeyUsage.dataEncipherment,
            "key-agreement", KeyUsage.keyAgreement);

    private static final Map<String, KeyPurposeId> EXTENDED_KEY_USAGES = Map.of(
            "client-auth", KeyPurposeId.id_kp_clientAuth,
            "server-auth", KeyPurposeId.id_kp_serverAuth,
            "code-signing", KeyPurposeId.id_kp_codeSigning,
            "email-protection", KeyPurposeId.id_kp_emailProtection,
            "time-stamping", KeyPurposeId.id_kp_timeStamping,
            "ocsp-signing", KeyPurposeId.id_kp_OCSPSigning);

    private ProfileParser() {
    }

    static Profile parse(String name, ProfileConfig config) {
        String prefix = "est.profiles." + name + ".";
        if (config.validity().isNegative() || config.validity().isZero()) {
            throw new IllegalArgumentException(prefix + "validity must be positive, got " + config.validity());
        }
        int keyUsage = 0;
        for (String usage : config.keyUsage()) {
            Integer bit = KEY_USAGES.get(usage.trim().toLowerCase(Locale.ROOT));
            if (bit == null) {
                throw new IllegalArgumentException(prefix + "key-usage: unknown value '" + usage + "'; expected one of "
                        + KEY_USAGES.keySet());
            }
            keyUsage |= bit;
        }
        List<KeyPurposeId> eku = config.extendedKeyUsage().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(usage -> {
                    KeyPurposeId id = EXTENDED_KEY_USAGES.get(usage.toLowerCase(Locale.ROOT));
                    if (id == null) {
                        throw new IllegalArgumentException(prefix + "extended-key-usage: unknown value '" + usage
                                + "'; expected one of " + EXTENDED_KEY_USAGES.keySet());
                    }
                    return id;
                }).toList();
        List<KeyRequirement> keys;
        try {
            keys = config.allowedKeys().stream().map(KeyRequirement::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "allowed-keys: " + e.getMessage(), e);
        }
        DuplicateDevicePolicy duplicate;
        try {
            duplicate = DuplicateDevicePolicy.valueOf(config.duplicateDevice().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "duplicate-device: expected reject or allow, got '"
                    + config.duplicateDevice() + "'", e);
        }
        return new Profile(name, config.validity(), keyUsage, eku, keys, duplicate);
    }
}
