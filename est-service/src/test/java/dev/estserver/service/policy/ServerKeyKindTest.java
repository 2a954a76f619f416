package dev.estserver.service.policy;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CsrKey.Family;
import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.KeyRequirement;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.TestProfiles;

/** The key /serverkeygen generates: the profile's choice, else the CSR key's kind within the profile's limits. */
class ServerKeyKindTest {

    private static final CsrKey ED25519 = new CsrKey(Family.ED25519, 0, "", "1.3.101.112");
    private static final CsrKey P256 = new CsrKey(Family.EC, 0, "P-256", "1.2.840.10045.2.1");

    private static CsrKey rsa(int bits) {
        return new CsrKey(Family.RSA, bits, "", "1.2.840.113549.1.1.1");
    }

    private static Profile profile(String... properties) {
        return ProfileParser.parse("keys", TestProfiles.config(properties));
    }

    @Test
    void generatesTheConfiguredKindWhateverTheCsrKey() {
        assertThat(ServerKeyKind.choose(profile("serverkeygen.key", "ec-p384"), ED25519))
                .isEqualTo(KeyRequirement.parse("ec-p384"));
    }

    @Test
    void generatesTheCsrKeysKindWhenTheProfileAllowsIt() {
        assertThat(ServerKeyKind.choose(profile("allowed-keys", "rsa-2048,ec-p256"), P256))
                .isEqualTo(KeyRequirement.parse("ec-p256"));
    }

    @Test
    void generatesTheLargestAllowedRsaSizeNotAboveTheCsrKeys() {
        Profile profile = profile("allowed-keys", "rsa-2048,rsa-3072");
        assertThat(ServerKeyKind.choose(profile, rsa(4096))).isEqualTo(KeyRequirement.parse("rsa-3072"));
        assertThat(ServerKeyKind.choose(profile, rsa(2048))).isEqualTo(KeyRequirement.parse("rsa-2048"));
    }

    @Test
    void refusesACsrKeyKindTheProfileDoesNotAllowNamingTheAllowedOnes() {
        assertRejected(() -> ServerKeyKind.choose(profile("allowed-keys", "ec-p256,rsa-2048"), ED25519),
                Problem.MALFORMED, "profile 'keys' does not allow Ed25519; allowed: [EC P-256, RSA >= 2048 bits]");
    }
}
