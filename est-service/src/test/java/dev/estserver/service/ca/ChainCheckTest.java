package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TwoTierPki;

/** The issuing and TLS chain files are refused at startup, naming property, file and rule, unless well-formed. */
class ChainCheckTest {

    private static final String ANCHOR_PROPERTY = "est.ca.trust-anchor-file";

    @TempDir
    Path dir;

    private TwoTierPki pki;
    private ConfiguredFile keyFile;

    @BeforeEach
    void createPki() {
        pki = TwoTierPki.create(dir);
        keyFile = new ConfiguredFile("est.ca.key-file", pki.keyFile());
    }

    private List<X509Certificate> issuingChain(ConfiguredFile certFile, Optional<ConfiguredFile> anchors) {
        return ChainCheck.issuingChain(certFile, keyFile, pki.issuingKeys().getPrivate(), ANCHOR_PROPERTY, anchors,
                Instant.now());
    }

    private List<X509Certificate> issuingChain(X509Certificate... certificates) {
        return issuingChain(certFile(certificates), Optional.empty());
    }

    /** A CA certificate valid from a minute ago for a day. */
    private static X509Certificate ca(String subject, KeyPair keys, String issuer, PrivateKey issuerKey) {
        return TestCertificates.ca(subject, keys, issuer, issuerKey, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)));
    }

    /** A root that issued nothing here. */
    private static X509Certificate otherRoot() {
        KeyPair keys = KeyPairs.ecP256();
        return ca("CN=Other Root", keys, "CN=Other Root", keys.getPrivate());
    }

    private X509Certificate serverCertificate(KeyPair serverKeys) {
        return TestCertificates.signed("CN=est.example.com", serverKeys, TwoTierPki.ISSUING,
                pki.issuingKeys().getPrivate(), SerialNumbers.next());
    }

    private ConfiguredFile certFile(X509Certificate... certificates) {
        return new ConfiguredFile("est.ca.cert-file", pki.file("ca.pem", certificates));
    }

    @Test
    void acceptsTheIssuingCaFollowedByItsRoot() {
        assertThat(issuingChain(pki.issuing(), pki.root())).containsExactly(pki.issuing(), pki.root());
    }

    @Test
    void acceptsASelfSignedCaAloneAsTheDemoCaIs() {
        ConfiguredFile rootKey = new ConfiguredFile("est.ca.key-file", dir.resolve("root-key.pem"));
        assertThat(ChainCheck.issuingChain(certFile(pki.root()), rootKey, pki.rootKeys().getPrivate(), ANCHOR_PROPERTY,
                Optional.empty(), Instant.now())).containsExactly(pki.root());
    }

    @Test
    void refusesTheRootFirstSayingWhereTheIssuingCaIs() {
        ConfiguredFile certFile = certFile(pki.root(), pki.issuing());
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty())).hasMessage(certFile + ": the first "
                + "certificate must be the issuing CA, found CN=Test Root CA first; the key in "
                + keyFile + " belongs to certificate 2 (CN=Test Issuing CA): put that one first, "
                + "then each issuer in turn up to the root");
    }

    @Test
    void refusesAKeyOfNoCertificateInTheFile() {
        ConfiguredFile certFile = certFile(pki.issuing(), pki.root());
        assertThatThrownBy(() -> ChainCheck.issuingChain(certFile, keyFile, KeyPairs.ecP256().getPrivate(),
                ANCHOR_PROPERTY, Optional.empty(), Instant.now())).hasMessage("the key in " + keyFile + " belongs to "
                        + "no certificate of " + certFile + ", whose first certificate is CN=Test Issuing CA: "
                        + "configure the key and the certificate of the same issuing CA");
    }

    @Test
    void completesAChainWithoutRootFromTheTrustAnchorFile() throws Exception {
        X509Certificate otherRoot = otherRoot();
        ConfiguredFile anchors = new ConfiguredFile(ANCHOR_PROPERTY, pki.file("roots.pem", otherRoot, pki.root()));

        List<X509Certificate> chain = issuingChain(certFile(pki.issuing()), Optional.of(anchors));

        assertThat(chain).containsExactly(pki.issuing(), pki.root());
        List<Certificate> cacerts = IssuingCa.of(pki.issuingKeys().getPrivate(), chain).cacerts();
        assertThat(cacerts.getLast()).isEqualTo(Certificate.getInstance(pki.root().getEncoded()));
    }

    @Test
    void refusesAChainWithoutRootWhenNoTrustAnchorFileIsConfigured() {
        ConfiguredFile certFile = certFile(pki.issuing());
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty())).hasMessage(certFile + " ends with "
                + "CN=Test Issuing CA, issued by CN=Test Root CA, which is not "
                + "in the file: append that root certificate to the file, or name a PEM file with it in "
                + ANCHOR_PROPERTY + "; a chain must end in its self-signed root, the trust anchor /cacerts gives "
                + "clients");
    }

    @Test
    void refusesATrustAnchorFileWithoutTheRootThatIssuedTheChain() {
        X509Certificate otherRoot = otherRoot();
        ConfiguredFile certFile = certFile(pki.issuing());
        ConfiguredFile anchors = new ConfiguredFile(ANCHOR_PROPERTY, pki.file("roots.pem", otherRoot));
        assertThatThrownBy(() -> issuingChain(certFile, Optional.of(anchors))).hasMessage(anchors + " holds no "
                + "certificate named CN=Test Root CA, the issuer of the last certificate of "
                + certFile + ", CN=Test Issuing CA; it holds [CN=Other Root]");
    }

    @Test
    void refusesAnExpiredIntermediate() {
        KeyPair intermediateKeys = KeyPairs.ecP256();
        Instant expiry = Instant.parse("2025-01-01T00:00:00Z");
        X509Certificate intermediate = TestCertificates.ca("CN=Expired Intermediate", intermediateKeys,
                TwoTierPki.ROOT, pki.rootKeys().getPrivate(), expiry.minus(Duration.ofDays(365)), expiry);
        X509Certificate issuing = ca(TwoTierPki.ISSUING, pki.issuingKeys(), "CN=Expired Intermediate",
                intermediateKeys.getPrivate());
        ConfiguredFile certFile = certFile(issuing, intermediate, pki.root());
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty()))
                .hasMessageStartingWith(certFile + ": certificate 2 (CN=Expired Intermediate) expired on "
                        + "2025-01-01T00:00:00Z: every certificate of the chain must be valid now (");
    }

    @Test
    void refusesACertificateThatIsNotACa() {
        KeyPair leafKeys = KeyPairs.ecP256();
        X509Certificate notCa = TestCertificates.signed("CN=Not A CA", leafKeys, TwoTierPki.ROOT,
                pki.rootKeys().getPrivate(), SerialNumbers.next());
        X509Certificate issuing = ca(TwoTierPki.ISSUING, pki.issuingKeys(), "CN=Not A CA", leafKeys.getPrivate());
        ConfiguredFile certFile = certFile(issuing, notCa, pki.root());
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty())).hasMessage(certFile + ": certificate 2 "
                + "(CN=Not A CA) is not a CA certificate (basicConstraints cA is not true): every certificate of an "
                + "issuing chain must be a CA");
    }

    @Test
    void refusesASignatureThatDoesNotVerifyWithTheNextCertificate() {
        KeyPair impostor = KeyPairs.ecP256();
        X509Certificate forged = ca(TwoTierPki.ISSUING, pki.issuingKeys(), TwoTierPki.ROOT, impostor.getPrivate());
        ConfiguredFile certFile = certFile(forged, pki.root());
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty())).hasMessage(certFile + ": the signature "
                + "of certificate 1 (CN=Test Issuing CA) does not verify with the key of the next "
                + "certificate, certificate 2 (CN=Test Root CA), though it names it as issuer: "
                + "that is another CA of the same name, or the certificate was altered");
    }

    @Test
    void refusesCertificatesOutOfOrderBelowTheIssuingCa() {
        KeyPair intermediateKeys = KeyPairs.ecP256();
        X509Certificate intermediate = ca("CN=Intermediate", intermediateKeys, TwoTierPki.ROOT,
                pki.rootKeys().getPrivate());
        X509Certificate issuing = ca(TwoTierPki.ISSUING, pki.issuingKeys(), "CN=Intermediate",
                intermediateKeys.getPrivate());
        ConfiguredFile certFile = certFile(issuing, pki.root(), intermediate);
        assertThatThrownBy(() -> issuingChain(certFile, Optional.empty())).hasMessage(certFile + ": certificate 1 "
                + "(CN=Test Issuing CA) is issued by CN=Intermediate, but the next certificate is "
                + "certificate 2 (CN=Test Root CA): each certificate must be followed by its "
                + "issuer, the issuing CA first and the root last");
    }

    @Test
    void refusesATlsChainWithTheServerCertificateNotFirst() {
        KeyPair serverKeys = KeyPairs.ecP256();
        ConfiguredFile certFile = tlsFile(pki.issuing(), serverCertificate(serverKeys));
        assertThatThrownBy(() -> ChainCheck.tlsChain(certFile, tlsKeyFile(), serverKeys.getPrivate(), Instant.now()))
                .hasMessage(certFile + ": the first certificate must be the TLS server certificate, found "
                        + "CN=Test Issuing CA first; the key in " + tlsKeyFile() + " belongs to "
                        + "certificate 2 (CN=est.example.com): put that one first, then each issuer in turn up to the "
                        + "root");
    }

    @Test
    void acceptsATlsChainWithoutItsRoot() {
        KeyPair serverKeys = KeyPairs.ecP256();
        X509Certificate server = serverCertificate(serverKeys);
        assertThat(ChainCheck.tlsChain(tlsFile(server, pki.issuing()), tlsKeyFile(), serverKeys.getPrivate(),
                Instant.now())).containsExactly(server, pki.issuing());
    }

    private ConfiguredFile tlsFile(X509Certificate... certificates) {
        return new ConfiguredFile("est.tls.cert-file", pki.file("tls.pem", certificates));
    }

    private ConfiguredFile tlsKeyFile() {
        return new ConfiguredFile("est.tls.key-file", dir.resolve("tls-key.pem"));
    }
}
