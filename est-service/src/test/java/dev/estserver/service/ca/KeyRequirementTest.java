package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CsrKey.Family;

class KeyRequirementTest {

    private static final CsrKey ED25519 = new CsrKey(Family.ED25519, 0, "", "1.3.101.112");

    private static CsrKey rsa(int bits) {
        return new CsrKey(Family.RSA, bits, "", "1.2.840.113549.1.1.1");
    }

    private static CsrKey ec(String curve) {
        return new CsrKey(Family.EC, 0, curve, "1.2.840.10045.2.1");
    }

    @Test
    void parsesEveryDocumentedKindIgnoringCaseAndSurroundingSpace() {
        assertThat(KeyRequirement.parse(" RSA-3072 ")).isEqualTo(new KeyRequirement(Family.RSA, 3072, ""));
        assertThat(KeyRequirement.parse("ec-p256")).isEqualTo(new KeyRequirement(Family.EC, 0, "P-256"));
        assertThat(KeyRequirement.parse("EC-P384")).isEqualTo(new KeyRequirement(Family.EC, 0, "P-384"));
        assertThat(KeyRequirement.parse("ec-p521")).isEqualTo(new KeyRequirement(Family.EC, 0, "P-521"));
        assertThat(KeyRequirement.parse("Ed25519")).isEqualTo(new KeyRequirement(Family.ED25519, 0, ""));
    }

    @Test
    void rejectsRsaBelow2048BitsWhateverTheConfigurationSays() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRequirement.parse("rsa-1024"))
                .withMessage("RSA keys below 2048 bits are never accepted, got rsa-1024");
    }

    @Test
    void rejectsUnknownKindListingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRequirement.parse("dsa-2048"))
                .withMessage("unknown key kind 'dsa-2048'; expected rsa-<bits>, ec-p256, ec-p384, ec-p521 or ed25519");
    }

    @Test
    void rejectsRsaWithoutABitCountListingTheKnownKinds() {
        assertThatIllegalArgumentException().isThrownBy(() -> KeyRequirement.parse("rsa-big"))
                .withMessageContainingAll("rsa-big", "expected rsa-<bits>");
    }

    @Test
    void rsaRequirementIsAMinimumSize() {
        KeyRequirement rsa3072 = KeyRequirement.parse("rsa-3072");
        assertThat(rsa3072.accepts(rsa(3072))).isTrue();
        assertThat(rsa3072.accepts(rsa(4096))).isTrue();
        assertThat(rsa3072.accepts(rsa(2048))).isFalse();
    }

    @Test
    void ecRequirementAcceptsExactlyItsCurve() {
        KeyRequirement p256 = KeyRequirement.parse("ec-p256");
        assertThat(p256.accepts(ec("P-256"))).isTrue();
        assertThat(p256.accepts(ec("P-384"))).isFalse();
        assertThat(p256.accepts(ec("secp256k1"))).isFalse();
    }

    @Test
    void requirementsNeverAcceptAnotherFamily() {
        assertThat(KeyRequirement.parse("rsa-2048").accepts(ec("P-256"))).isFalse();
        assertThat(KeyRequirement.parse("ec-p256").accepts(ED25519)).isFalse();
        assertThat(KeyRequirement.parse("ed25519").accepts(ED25519)).isTrue();
        assertThat(KeyRequirement.parse("ed25519").accepts(rsa(4096))).isFalse();
    }

    @Test
    void coversKindsWhoseKeysItAlwaysAccepts() {
        KeyRequirement rsa2048 = KeyRequirement.parse("rsa-2048");
        assertThat(rsa2048.covers(KeyRequirement.parse("rsa-4096"))).isTrue();
        assertThat(KeyRequirement.parse("rsa-3072").covers(rsa2048)).isFalse();
        assertThat(KeyRequirement.parse("ec-p256").covers(KeyRequirement.parse("ec-p256"))).isTrue();
        assertThat(KeyRequirement.parse("ec-p256").covers(KeyRequirement.parse("ec-p384"))).isFalse();
        assertThat(rsa2048.covers(KeyRequirement.parse("ed25519"))).isFalse();
    }

    @Test
    void describesItselfForRejectionMessages() {
        assertThat(KeyRequirement.parse("rsa-2048")).hasToString("RSA >= 2048 bits");
        assertThat(KeyRequirement.parse("ec-p384")).hasToString("EC P-384");
        assertThat(KeyRequirement.parse("ed25519")).hasToString("Ed25519");
    }
}
