package dev.estserver.service.policy;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

/** The default profile: RSA of 2048 bits or more, EC P-256 and P-384, Ed25519; and always proof of possession. */
class CsrPolicyTest {

    private static final Profile PROFILE = ProfileParser.parse("test", TestProfiles.config());
    private static final String ALLOWED = "allowed: [RSA >= 2048 bits, EC P-256, EC P-384, Ed25519]";

    private static CsrKey check(KeyPair keys) {
        return CsrPolicy.check(Csrs.csr(keys, "CN=policy-test"), PROFILE);
    }

    private static PKCS10CertificationRequest withBrokenSignature(KeyPair keys) {
        return Csrs.brokenSignature(Csrs.csr(keys, "CN=policy-test"));
    }

    @Test
    void acceptsRsa2048() {
        assertThat(check(TestKeys.rsa(2048))).hasToString("RSA 2048 bits");
    }

    @Test
    void acceptsEcP256() {
        assertThat(check(TestKeys.ec("secp256r1"))).hasToString("EC P-256");
    }

    @Test
    void acceptsEcP384() {
        assertThat(check(TestKeys.ec("secp384r1"))).hasToString("EC P-384");
    }

    @Test
    void acceptsEd25519() {
        assertThat(check(TestKeys.ed25519())).hasToString("Ed25519");
    }

    @Test
    void rejectsCsrWithWeakRsaKey() {
        assertRejected(() -> check(TestKeys.rsa(1024)), Problem.MALFORMED,
                "CSR key not allowed by profile 'test'", "found RSA 1024 bits", ALLOWED);
    }

    @Test
    void rejectsCsrWithKeyOnSecp256k1() {
        assertRejected(() -> check(TestKeys.ec("secp256k1")), Problem.MALFORMED,
                "CSR key not allowed by profile 'test'", "found EC secp256k1", ALLOWED);
    }

    @Test
    void rejectsCsrWithBrokenSignature() {
        assertRejected(() -> CsrPolicy.check(withBrokenSignature(TestKeys.ecP256()), PROFILE), Problem.MALFORMED,
                "CSR signature does not verify with the CSR's own public key (proof of possession failed)");
    }

    @Test
    void rejectsCsrSignedByAnotherKeyThanTheOneItCarries() {
        KeyPair stolenPublicKey = new KeyPair(TestKeys.ecP256().getPublic(), TestKeys.ecP256().getPrivate());
        assertRejected(() -> check(stolenPublicKey), Problem.MALFORMED, "proof of possession failed");
    }

    @Test
    void checksTheKeyBeforeTheCostlierProofOfPossession() {
        assertRejected(() -> CsrPolicy.check(withBrokenSignature(TestKeys.rsa(1024)), PROFILE), Problem.MALFORMED,
                "CSR key not allowed");
    }
}
