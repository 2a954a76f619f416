package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.SecondCa;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

@QuarkusTest
class CrlTest {

    private static final String DEFAULT_CRL = EstClient.ROOT + "/crl/default.crl";

    @Inject
    Revocations revocations;

    @Inject
    Rejections rejections;

    private static X509Certificate enrolled(String label, String name) {
        KeyPair keys = TestKeys.ecP256();
        return EstClient.anonymous().enrolled(label, Csrs.csr(keys, "CN=" + name, name + ".example"));
    }

    private static String newName() {
        return "crl-" + UUID.randomUUID();
    }

    /** Downloads a CRL as a relying party does: no client certificate. */
    private static X509CRLHolder download(String url) {
        HttpResponse<byte[]> response = EstClient.anonymous().getUrl(url);
        assertThat(response.statusCode()).as("body: %s", EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        try {
            return new X509CRLHolder(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigInteger number(X509CRLHolder crl) {
        return ASN1Integer.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getValue();
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issuedCertificatesNameTheCrlAndTheOcspResponder() {
        X509CertificateHolder certificate = holder(enrolled(null, newName()));

        CRLDistPoint points = CRLDistPoint.fromExtensions(certificate.getExtensions());
        assertThat(points.getDistributionPoints()).hasSize(1);
        GeneralName crlName = GeneralNames.getInstance(points.getDistributionPoints()[0].getDistributionPoint()
                .getName()).getNames()[0];
        assertThat(crlName.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        assertThat(crlName.getName().toString()).isEqualTo(DEFAULT_CRL);

        AccessDescription[] access = AuthorityInformationAccess.fromExtensions(certificate.getExtensions())
                .getAccessDescriptions();
        assertThat(access).hasSize(1);
        assertThat(access[0].getAccessMethod()).isEqualTo(AccessDescription.id_ad_ocsp);
        assertThat(access[0].getAccessLocation().getName().toString()).isEqualTo(EstClient.ROOT + "/ocsp");
    }

    @Test
    void crlIsSignedByTheCaAndValidUntilNextUpdateInTheFuture() throws Exception {
        X509CRLHolder crl = download(DEFAULT_CRL);
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(TestTls.caCertificate())))
                .isTrue();
        assertThat(crl.getIssuer()).isEqualTo(holder(TestTls.caCertificate()).getSubject());
        assertThat(crl.getNextUpdate()).isAfter(new Date());
        assertThat(crl.getThisUpdate()).isBeforeOrEqualTo(new Date());
        assertThat(crl.getExtension(Extension.authorityKeyIdentifier)).isNotNull();
        assertThat(number(crl)).isPositive();
    }

    @Test
    void revocationPublishesANewCrlListingTheSerialWithItsReason() {
        X509Certificate certificate = enrolled(null, newName());
        BigInteger before = number(download(DEFAULT_CRL));
        assertThat(download(DEFAULT_CRL).getRevokedCertificate(certificate.getSerialNumber())).isNull();

        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.CESSATION_OF_OPERATION, at);

        X509CRLHolder after = download(DEFAULT_CRL);
        assertThat(number(after)).isGreaterThan(before);
        X509CRLEntryHolder entry = after.getRevokedCertificate(certificate.getSerialNumber());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(at);
        assertThat(CRLReason.getInstance(entry.getExtensions().getExtensionParsedValue(Extension.reasonCode)))
                .isEqualTo(CRLReason.lookup(CRLReason.cessationOfOperation));
    }

    /** Replicas serialize on the CA's crl_state row: each revocation publishes exactly one CRL, none is lost. */
    @Test
    void concurrentRevocationsEachPublishTheNextCrlNumber() throws Exception {
        List<X509Certificate> certificates = IntStream.range(0, 6).mapToObj(i -> enrolled(null, newName())).toList();
        BigInteger before = number(download(DEFAULT_CRL));

        try (ExecutorService pool = Executors.newFixedThreadPool(certificates.size())) {
            List<Future<Revocation>> revoked = certificates.stream().map(certificate -> pool.submit(() ->
                    revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE,
                            Instant.now()))).toList();
            for (Future<Revocation> revocation : revoked) {
                revocation.get();
            }
        }

        X509CRLHolder after = download(DEFAULT_CRL);
        assertThat(number(after)).isEqualTo(before.add(BigInteger.valueOf(certificates.size())));
        certificates.forEach(certificate ->
                assertThat(after.getRevokedCertificate(certificate.getSerialNumber())).isNotNull());
    }

    @Test
    void unchangedCrlIsServedAgainWithTheSameNumber() {
        BigInteger first = number(download(DEFAULT_CRL));
        assertThat(number(download(DEFAULT_CRL))).isEqualTo(first);
    }

    @Test
    void certificateSupersededOnReplacementAppearsOnTheNextCrl() {
        String name = newName();
        X509Certificate replaced = enrolled("replace", name);
        enrolled("replace", name);

        X509CRLEntryHolder entry = download(DEFAULT_CRL).getRevokedCertificate(replaced.getSerialNumber());
        assertThat(entry).as("superseded certificate on the CRL").isNotNull();
        assertThat(CRLReason.getInstance(entry.getExtensions().getExtensionParsedValue(Extension.reasonCode)))
                .isEqualTo(CRLReason.lookup(CRLReason.superseded));
    }

    @Test
    void eachIssuingCaPublishesItsOwnCrl() throws Exception {
        X509Certificate secondCa = PemFiles.readCertificates(SecondCa.DIR.resolve("ca.pem")).getFirst();
        X509Certificate certificate = enrolled("second", newName());
        assertThat(CRLDistPoint.fromExtensions(holder(certificate).getExtensions()).getDistributionPoints()[0]
                .getDistributionPoint().getName().toString()).contains(EstClient.ROOT + "/crl/second.crl");

        revocations.revoke(TestCertificates.serial(certificate), RevocationReason.KEY_COMPROMISE, Instant.now());

        X509CRLHolder crl = download(EstClient.ROOT + "/crl/second.crl");
        assertThat(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(secondCa))).isTrue();
        assertThat(crl.getRevokedCertificate(certificate.getSerialNumber())).isNotNull();
        assertThat(download(DEFAULT_CRL).getRevokedCertificate(certificate.getSerialNumber())).isNull();
    }

    @Test
    void unknownCaIsNotFound() {
        rejections.assertRejected(EstClient.anonymous().getUrl(EstClient.ROOT + "/crl/nope.crl"), 404,
                "no issuing CA named 'nope'; CRLs are served for default, second");
    }
}
