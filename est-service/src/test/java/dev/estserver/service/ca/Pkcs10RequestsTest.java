package dev.estserver.service.ca;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;

/** The attributes EST and CMC read from a CSR: single-valued ones, and the extensions it requests. */
class Pkcs10RequestsTest {

    @Test
    void readsTheOneValueOfAnAttributeAndNothingWhenItIsAbsent() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                Csrs.otpChallenge("ABCD"));
        assertThat(Pkcs10Requests.singleValue(csr, PKCSObjectIdentifiers.id_aa_otpChallenge, "otpChallenge"))
                .contains(new DERUTF8String("ABCD"));
        assertThat(Pkcs10Requests.singleValue(csr, PKCSObjectIdentifiers.id_aa_decryptKeyID, "DecryptKeyIdentifier"))
                .isEmpty();
    }

    @Test
    void refusesASingleValuedAttributeThatIsRepeated() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                Csrs.otpChallenge("ABCD"), Csrs.otpChallenge("EFGH"));
        assertRejected(() -> Pkcs10Requests.singleValue(csr, PKCSObjectIdentifiers.id_aa_otpChallenge,
                "otpChallenge"), Problem.MALFORMED,
                "CSR carries 2 otpChallenge attribute(s) with 2 value(s) in all; exactly one value is allowed");
    }

    @Test
    void readsTheRequestedExtensions() {
        assertThat(Pkcs10Requests.requestedExtensions(Csrs.csr(TestKeys.ecP256(), "CN=device-1", "device-1.example"))
                .map(extensions -> extensions.getExtension(Extension.subjectAlternativeName))).isPresent();
        assertThat(Pkcs10Requests.requestedExtensions(Csrs.csr(TestKeys.ecP256(), "CN=device-1"))).isEmpty();
    }

    @Test
    void refusesAnExtensionRequestThatHoldsNoExtensions() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=device-1",
                Csrs.attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new ASN1Integer(7)));
        assertRejected(() -> Pkcs10Requests.requestedExtensions(csr), Problem.MALFORMED,
                "CSR extensionRequest attribute is not a sequence of extensions");
    }
}
