package dev.estserver.operator.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CertificateFactoryTest {

    /** KeyUsage bits as X509Certificate.getKeyUsage() indexes them. */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @Test
    void generatedCaIsASelfSignedCaThatSignsCertificatesAndCrls() throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();

        X509Certificate ca = CertificateFactory.selfSignedCa("Test EST CA", keys, Duration.ofDays(10));

        assertThat(ca.getBasicConstraints()).as("cA=true").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(ca.getKeyUsage()[CRL_SIGN]).isTrue();
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Test EST CA");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        ca.verify(keys.getPublic());
        assertThat(ca.getPublicKey()).isEqualTo(keys.getPublic());
    }

    @Test
    void generatedCaIsValidForTheValidityAskedToleratingClocksBehind() {
        Instant before = Instant.now();

        X509Certificate ca = CertificateFactory.selfSignedCa("Test EST CA", KeyAlgorithm.EC_P256.generate(),
                Duration.ofDays(10));

        assertThat(ca.getNotBefore().toInstant()).isBefore(before);
        assertThat(Duration.between(before, ca.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(10).minusMinutes(1), Duration.ofDays(10).plusMinutes(1));
    }

    @Test
    void signsWithTheAlgorithmOfTheCaKey() {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)) {
            KeyPair keys = algorithm.generate();
            X509Certificate ca = CertificateFactory.selfSignedCa("CA", keys, Duration.ofDays(1));
            assertThat(ca.getSigAlgName()).as(algorithm.specName())
                    .isEqualToIgnoringCase(KeyAlgorithm.signatureAlgorithmFor(keys.getPrivate()));
        }
    }

    @Test
    void serverCertificateIsIssuedByTheCaForItsDnsNamesAndIsNoCa() throws Exception {
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateFactory.selfSignedCa("Test EST CA", caKeys, Duration.ofDays(10));
        KeyPair serverKeys = KeyAlgorithm.EC_P256.generate();

        X509Certificate server = CertificateFactory.server(List.of("est.pki.svc.cluster.local", "est"),
                serverKeys.getPublic(), ca, caKeys.getPrivate(), Duration.ofDays(90));

        server.verify(caKeys.getPublic());
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=est.pki.svc.cluster.local");
        assertThat(dnsNames(server)).containsExactly("est.pki.svc.cluster.local", "est");
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(server.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(server.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(server.getPublicKey()).isEqualTo(serverKeys.getPublic());
    }

    @Test
    void givesEveryCertificateAnotherSerial() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();

        X509Certificate first = CertificateFactory.selfSignedCa("CA", keys, Duration.ofDays(1));
        X509Certificate second = CertificateFactory.selfSignedCa("CA", keys, Duration.ofDays(1));

        assertThat(first.getSerialNumber()).isPositive().isNotEqualTo(second.getSerialNumber());
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        return certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    }
}
