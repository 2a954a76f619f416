package dev.estserver.service.auth;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;

/** Reading challengePassword and otpChallenge from a CSR, whatever string type the client's library chose. */
class ChallengeAttributesTest {

    private static PKCS10CertificationRequest withChallengePassword(ASN1Encodable value) {
        return Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                new Attribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERSet(value)));
    }

    @Test
    void otpChallengeIsTheRfc7894Oid() {
        assertThat(ChallengeAttributes.OTP_CHALLENGE.getId()).isEqualTo("1.2.840.113549.1.9.16.2.56");
    }

    @Test
    void absentAttributeIsEmpty() {
        PKCS10CertificationRequest csr = Csrs.csr(TestKeys.ecP256(), "CN=device-1");
        assertThat(ChallengeAttributes.challengePassword(csr)).isEmpty();
        assertThat(ChallengeAttributes.otpChallenge(csr)).isEmpty();
    }

    @Test
    void readsEveryDirectoryStringChoice() {
        assertThat(ChallengeAttributes.challengePassword(withChallengePassword(new DERUTF8String("pässword"))))
                .hasValue("pässword");
        assertThat(ChallengeAttributes.challengePassword(withChallengePassword(new DERPrintableString("ab+/="))))
                .hasValue("ab+/=");
        assertThat(ChallengeAttributes.challengePassword(withChallengePassword(new DERBMPString("bmp"))))
                .hasValue("bmp");
        byte[] ucs4 = "univ€rsal".getBytes(Charset.forName("UTF-32BE"));
        assertThat(ChallengeAttributes.challengePassword(withChallengePassword(new DERUniversalString(ucs4))))
                .hasValue("univ€rsal");
    }

    @Test
    void readsOtpChallengeAsUtf8String() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                new Attribute(PKCSObjectIdentifiers.id_aa_otpChallenge, new DERSet(new DERUTF8String("ABCD-EFGH"))));
        assertThat(ChallengeAttributes.otpChallenge(csr)).hasValue("ABCD-EFGH");
        assertThat(ChallengeAttributes.challengePassword(csr)).isEmpty();
    }

    /** BouncyCastle itself refuses a CSR with two challengePassword values; otpChallenge is checked here. */
    @Test
    void refusesTwoValuesOfASingleValuedAttribute() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                new Attribute(PKCSObjectIdentifiers.id_aa_otpChallenge,
                        new DERSet(new ASN1Encodable[] {new DERUTF8String("a"), new DERUTF8String("b")})));
        assertRejected(() -> ChallengeAttributes.otpChallenge(csr), Problem.MALFORMED,
                "CSR carries 1 otpChallenge attribute(s) with 2 value(s) in all; exactly one value is allowed");
    }

    @Test
    void refusesAStringTypeOutsideDirectoryString() {
        PKCS10CertificationRequest csr = withChallengePassword(new DERIA5String("ia5"));
        assertRejected(() -> ChallengeAttributes.challengePassword(csr), Problem.MALFORMED,
                "challengePassword attribute must be a DirectoryString", "got DERIA5String");
    }
}
