package dev.estserver.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import dev.estserver.service.config.ProfileConfig;

/** Configuration errors must name the exact property to fix: the service refuses to start on them. */
class ProfileParserTest {

    /** A profile configuration as SmallRye Config would hand it over, starting from the documented defaults. */
    private record Config(Duration validity, List<String> keyUsage, List<String> extendedKeyUsage,
            List<String> allowedKeys, String duplicateDevice) implements ProfileConfig {

        static Config defaults() {
            return new Config(Duration.ofDays(365), List.of("digital-signature", "key-encipherment"),
                    List.of("client-auth"), List.of("rsa-2048", "ec-p256", "ec-p384", "ed25519"), "reject");
        }

        Config withValidity(Duration value) {
            return new Config(value, keyUsage, extendedKeyUsage, allowedKeys, duplicateDevice);
        }

        Config withKeyUsage(String... values) {
            return new Config(validity, List.of(values), extendedKeyUsage, allowedKeys, duplicateDevice);
        }

        Config withExtendedKeyUsage(String... values) {
            return new Config(validity, keyUsage, List.of(values), allowedKeys, duplicateDevice);
        }

        Config withAllowedKeys(String... values) {
            return new Config(validity, keyUsage, extendedKeyUsage, List.of(values), duplicateDevice);
        }

        Config withDuplicateDevice(String value) {
            return new Config(validity, keyUsage, extendedKeyUsage, allowedKeys, value);
        }
    }

    private static void assertInvalid(Config config, String... messageFragments) {
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileParser.parse("devices", config))
                .withMessageContainingAll(messageFragments);
    }

    @Test
    void parsesTheDefaults() {
        Profile profile = ProfileParser.parse("devices", Config.defaults());
        assertThat(profile.name()).isEqualTo("devices");
        assertThat(profile.validity()).isEqualTo(Duration.ofDays(365));
        assertThat(profile.keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        assertThat(profile.extendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth);
        assertThat(profile.allowedKeys()).map(KeyRequirement::toString)
                .containsExactly("RSA >= 2048 bits", "EC P-256", "EC P-384", "Ed25519");
        assertThat(profile.duplicateDevice()).isEqualTo(DuplicateDevicePolicy.REJECT);
    }

    @Test
    void valuesAreCaseInsensitiveAndTrimmed() {
        Profile profile = ProfileParser.parse("devices", Config.defaults()
                .withKeyUsage(" Digital-Signature", "KEY-AGREEMENT ")
                .withExtendedKeyUsage("Server-Auth ", " client-auth")
                .withDuplicateDevice(" Allow "));
        assertThat(profile.keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyAgreement);
        assertThat(profile.extendedKeyUsage())
                .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertThat(profile.duplicateDevice()).isEqualTo(DuplicateDevicePolicy.ALLOW);
    }

    @Test
    void rejectsUnknownKeyUsageNamingTheProperty() {
        assertInvalid(Config.defaults().withKeyUsage("digital-signature", "key-cert-sign"),
                "est.profiles.devices.key-usage: unknown value 'key-cert-sign'", "digital-signature");
    }

    @Test
    void rejectsUnknownExtendedKeyUsageNamingTheProperty() {
        assertInvalid(Config.defaults().withExtendedKeyUsage("client-auth", "any"),
                "est.profiles.devices.extended-key-usage: unknown value 'any'", "client-auth");
    }

    @Test
    void rejectsUnknownDuplicateDevicePolicyNamingTheProperty() {
        assertInvalid(Config.defaults().withDuplicateDevice("replace"),
                "est.profiles.devices.duplicate-device: expected reject or allow, got 'replace'");
    }

    @Test
    void rejectsWeakRsaInAllowedKeysNamingTheProperty() {
        assertInvalid(Config.defaults().withAllowedKeys("ec-p256", "rsa-1024"),
                "est.profiles.devices.allowed-keys: RSA keys below 2048 bits are never accepted, got rsa-1024");
    }

    @Test
    void rejectsUnknownAllowedKeyNamingTheProperty() {
        assertInvalid(Config.defaults().withAllowedKeys("ec-p224"),
                "est.profiles.devices.allowed-keys: unknown key kind 'ec-p224'");
    }

    @Test
    void rejectsZeroValidityNamingTheProperty() {
        assertInvalid(Config.defaults().withValidity(Duration.ZERO),
                "est.profiles.devices.validity must be positive, got PT0S");
    }

    @Test
    void rejectsNegativeValidity() {
        assertInvalid(Config.defaults().withValidity(Duration.ofDays(-1)),
                "est.profiles.devices.validity must be positive");
    }
}
