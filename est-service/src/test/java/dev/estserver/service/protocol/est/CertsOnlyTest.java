package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
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
        der = CertsOnly.encode(ders(certificates));
    }

    private static List<byte[]> ders(List<X509Certificate> certificates) {
        return certificates.stream().map(certificate -> {
            try {
                return certificate.getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** How the service encoded it before, with BouncyCastle's SignedData and DERSet. */
    private static byte[] bouncyCastle(List<byte[]> certificates) throws IOException {
        ASN1EncodableVector certs = new ASN1EncodableVector();
        certificates.forEach(certificate -> certs.add(Certificate.getInstance(certificate)));
        SignedData signedData = new SignedData(new DERSet(), new ContentInfo(CMSObjectIdentifiers.data, null),
                new DERSet(certs), null, new DERSet());
        return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
    }

    @Test
    void isByteForByteWhatBouncyCastleEncodes() throws IOException {
        List<byte[]> two = ders(certificates);
        assertThat(der).isEqualTo(bouncyCastle(two));
        assertThat(CertsOnly.encode(two.reversed())).as("DER orders a SET OF").isEqualTo(bouncyCastle(two));
        assertThat(CertsOnly.encode(two.subList(0, 1))).isEqualTo(bouncyCastle(two.subList(0, 1)));
        List<byte[]> many = IntStream.range(0, 150).mapToObj(i -> two.get(i % 2)).toList();
        assertThat(CertsOnly.encode(many)).as("over 65,535 bytes: a three-byte length").hasSizeGreaterThan(65_535)
                .isEqualTo(bouncyCastle(many));
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
