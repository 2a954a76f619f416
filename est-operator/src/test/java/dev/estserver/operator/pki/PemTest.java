package dev.estserver.operator.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void writesEcKeysAsPkcs8AndReadsThemBack() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();

        String pem = Pem.of(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.privateKey(pem)).isEqualTo(keys.getPrivate());
    }

    @Test
    void writesRsaKeysAsPkcs8AndReadsThemBack() {
        KeyPair keys = KeyAlgorithm.RSA_3072.generate();

        String pem = Pem.of(keys.getPrivate());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pem.privateKey(pem)).isEqualTo(keys.getPrivate());
    }

    @Test
    void readsTraditionalEcAndRsaKeysAsOpensslWritesThem() throws Exception {
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P384, KeyAlgorithm.RSA_3072)) {
            KeyPair keys = algorithm.generate();
            String traditional = traditionalPem(keys);
            assertThat(traditional).as(algorithm.specName()).contains("-----BEGIN " + keys.getPrivate().getAlgorithm());

            PrivateKey read = Pem.privateKey(traditional);

            assertThat(KeyMatch.belongTogether(read, keys.getPublic())).as(algorithm.specName()).isTrue();
        }
    }

    @Test
    void readsCertificateChainsInOrder() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate first = CertificateFactory.selfSignedCa("First", keys, Duration.ofDays(1));
        X509Certificate second = CertificateFactory.selfSignedCa("Second", keys, Duration.ofDays(1));

        assertThat(Pem.certificates(Pem.of(List.of(first, second)))).containsExactly(first, second);
    }

    @Test
    void refusesCertificateTextThatHoldsAKey() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateFactory.selfSignedCa("CA", keys, Duration.ofDays(1));

        assertThatThrownBy(() -> Pem.certificates(Pem.of(ca, keys.getPrivate())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected only CERTIFICATE");
    }

    @Test
    void refusesTextWithoutCertificates() {
        assertThatThrownBy(() -> Pem.certificates("not pem at all"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no PEM certificate found");
    }

    @Test
    void refusesKeyTextThatHoldsACertificate() {
        X509Certificate ca = CertificateFactory.selfSignedCa("CA", KeyAlgorithm.EC_P256.generate(), Duration.ofDays(1));

        assertThatThrownBy(() -> Pem.privateKey(Pem.of(ca)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a PRIVATE KEY block");
    }

    /**
     * The "BEGIN EC/RSA PRIVATE KEY" form openssl genrsa and ecparam write. An EC key carries its curve inside
     * (RFC 5915), which the JDK's PKCS#8 encoding leaves to the algorithm identifier, so it is moved there.
     */
    private static String traditionalPem(KeyPair keys) throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (keys.getPrivate() instanceof ECPrivateKey ec) {
                org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                        info.parsePrivateKey());
                writer.writeObject(new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(
                        ec.getParams().getOrder().bitLength(), inner.getKey(),
                        info.getPrivateKeyAlgorithm().getParameters()).getEncoded()));
            } else {
                writer.writeObject(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive()
                        .getEncoded()));
            }
        }
        return text.toString();
    }
}
