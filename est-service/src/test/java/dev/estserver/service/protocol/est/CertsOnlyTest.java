package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.TestCa;

/** RFC 5272 Simple PKI Response as EST clients read it: DER, no signers, no content, just the certificates. */
class CertsOnlyTest {

    /** The demo TLS certificate and the CA that issued it: two different real certificates. */
    private static List<X509Certificate> certificates;
    private static byte[] der;

    @BeforeAll
    static void encodeTwoCertificates(@TempDir Path dir) {
        TestCa.demo(dir);
        certificates = PemFiles.readCertificates(dir.resolve(DemoPki.TLS_CERT));
        der = CertsOnly.encode(certificates.stream().map(CertsOnlyTest::asn1).toList());
    }

    private static Certificate asn1(X509Certificate certificate) {
        try {
            return Certificate.getInstance(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isDerEncoded() throws IOException {
        assertThat(ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER)).isEqualTo(der);
    }

    @Test
    void usesDefiniteLengthBecauseSomeClientsCannotReadIndefiniteLengthBer() {
        assertThat(der[0]).isEqualTo((byte) 0x30);
        assertThat(der[1]).as("0x80 would announce an indefinite length").isNotEqualTo((byte) 0x80);
    }

    @Test
    void parsesAsCmsSignedDataWithoutSignersOrContent() throws CMSException {
        CMSSignedData signedData = new CMSSignedData(der);
        assertThat(signedData.getSignerInfos().size()).isZero();
        assertThat(signedData.getSignedContent()).isNull();
        assertThat(signedData.getSignedContentTypeOID()).isEqualTo(CMSObjectIdentifiers.data.getId());
    }

    @Test
    void containsExactlyTheGivenCertificates() {
        assertThat(certificates).hasSize(2);
        assertThat(Pkcs7.certificates(Base64.getEncoder().encode(der)))
                .containsExactlyInAnyOrderElementsOf(certificates);
    }
}
