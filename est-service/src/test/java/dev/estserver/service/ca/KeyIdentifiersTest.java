package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.Test;

import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** Key identifiers as OpenSSL and BouncyCastle clients compute them (RFC 5280 §4.2.1.2 method 1). */
class KeyIdentifiersTest {

    private static SubjectPublicKeyInfo spki(KeyPair keys) {
        return SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    }

    @Test
    void isTheSha1OfTheKeyBitsAsBouncyCastleComputesIt() {
        for (KeyPair keys : new KeyPair[] {TestKeys.ecP256(), TestKeys.rsa(2048), TestKeys.ed25519()}) {
            assertThat(KeyIdentifiers.of(spki(keys))).hasSize(20).isEqualTo(
                    new BcX509ExtensionUtils().createSubjectKeyIdentifier(spki(keys)).getKeyIdentifier());
        }
    }

    @Test
    void ofACertificateIsItsSubjectKeyIdentifierElseTheKeysIdentifier() throws CertIOException {
        KeyPair keys = TestKeys.ecP256();
        X509Certificate withoutExtension = TestCertificates.selfSigned("CN=no-ski", keys);
        assertThat(KeyIdentifiers.of(withoutExtension)).isEqualTo(KeyIdentifiers.of(spki(keys)));

        X509CertificateHolder withOtherIdentifier = new X509v3CertificateBuilder(
                SelfSignedCa.create(new X500Name("CN=ski"), keys, Duration.ofDays(1)))
                .replaceExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(new byte[] {1, 2, 3}))
                .build(SignatureAlgorithms.signer(keys.getPrivate()));
        assertThat(KeyIdentifiers.of(withOtherIdentifier)).containsExactly(1, 2, 3);
    }
}
