package dev.estserver.service.enrollment;

import static dev.estserver.service.support.Rejected.assertRejected;
import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

/** RFC 7030 §4.2.2: a re-enrollment renews the identity of the current certificate, with a new key if wanted. */
class SameIdentityTest {

    private static IssuingCa ca;
    /** Subject "CN=Device-1,O=Acme" in UTF8String, SANs a.example and b.example. */
    private static X509Certificate current;

    @BeforeAll
    static void issueCurrentCertificate(@TempDir Path dir) {
        ca = TestCa.demo(dir);
        current = issue(TestCa.request("CN=Device-1,O=Acme", dns("a.example"), dns("b.example")));
    }

    private static X509Certificate issue(CertificateRequestData request) {
        return TestCa.issue(ca, TestProfiles.defaults(), request);
    }

    @Test
    void acceptsTheSameSubjectAndSansWithANewKey() {
        CertificateRequestData renewal = TestCa.request("CN=Device-1,O=Acme", dns("a.example"), dns("b.example"));
        assertThatCode(() -> SameIdentity.require(current, renewal)).doesNotThrowAnyException();
    }

    @Test
    void subjectsMatchWhateverTheirStringTypeAndCase() {
        // Clients rebuild the subject themselves; many encode it as PrintableString, some change the case.
        X500Name printable = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, new DERPrintableString("device-1"))
                .addRDN(BCStyle.O, new DERPrintableString("ACME")).build();
        CertificateRequestData renewal =
                TestCa.request(TestKeys.ecP256(), printable, dns("a.example"), dns("b.example"));
        assertThatCode(() -> SameIdentity.require(current, renewal)).doesNotThrowAnyException();
    }

    @Test
    void sanOrderDoesNotMatter() {
        CertificateRequestData renewal = TestCa.request("CN=Device-1,O=Acme", dns("b.example"), dns("a.example"));
        assertThatCode(() -> SameIdentity.require(current, renewal)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnotherSubject() {
        CertificateRequestData renewal = TestCa.request("CN=Device-2,O=Acme", dns("a.example"), dns("b.example"));
        assertRejected(() -> SameIdentity.require(current, renewal), Problem.FORBIDDEN,
                "re-enrollment CSR subject 'CN=Device-2,O=Acme' differs from the subject of the certificate being "
                        + "renewed 'CN=Device-1,O=Acme'", "RFC 7030 §4.2.2");
    }

    @Test
    void rejectsAnAddedSan() {
        CertificateRequestData renewal = TestCa.request("CN=Device-1,O=Acme", dns("a.example"), dns("b.example"),
                dns("c.example"));
        assertRejected(() -> SameIdentity.require(current, renewal), Problem.FORBIDDEN,
                "re-enrollment CSR subjectAltName [DNS:a.example, DNS:b.example, DNS:c.example] differs from that of "
                        + "the certificate being renewed [DNS:a.example, DNS:b.example]");
    }

    @Test
    void rejectsADroppedSan() {
        CertificateRequestData renewal = TestCa.request("CN=Device-1,O=Acme", dns("a.example"));
        assertRejected(() -> SameIdentity.require(current, renewal), Problem.FORBIDDEN,
                "subjectAltName [DNS:a.example] differs", "[DNS:a.example, DNS:b.example]");
    }

    @Test
    void rejectsSansWhenTheCurrentCertificateHasNone() {
        X509Certificate withoutSans = issue(TestCa.request("CN=Device-3"));
        CertificateRequestData renewal = TestCa.request("CN=Device-3", dns("device-3.example"));
        assertRejected(() -> SameIdentity.require(withoutSans, renewal), Problem.FORBIDDEN,
                "subjectAltName [DNS:device-3.example] differs from that of the certificate being renewed []");
    }
}
