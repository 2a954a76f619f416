package dev.estserver.service.ca;

import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

class CertificateIssuerTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Every usage the profile can grant, so that the tests see which ones the key type removes. */
    private static final CertificateTemplate ALL_USAGES = TestProfiles.template(Duration.ofDays(30),
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment | KeyUsage.keyAgreement,
            KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);

    private static IssuingCa ca;
    private static KeyPair rsa2048;

    @BeforeAll
    static void loadDemoCa(@TempDir Path dir) {
        ca = TestCa.demo(dir);
        rsa2048 = TestKeys.rsa(2048);
    }

    private static X509CertificateHolder issue(IssuingCa issuer, CertificateTemplate template,
            CertificateRequestData request) {
        return CertificateIssuer.issue(issuer, template, request, NOW);
    }

    private static X509CertificateHolder issue(CertificateRequestData request) {
        return issue(ca, ALL_USAGES, request);
    }

    private static X509CertificateHolder issue(KeyPair keys) {
        return issue(TestCa.request(keys, new X500Name("CN=issuer-test"), dns("issuer-test.example")));
    }

    private static X509CertificateHolder issueWithValidity(Duration validity) {
        return issue(ca, TestProfiles.template(validity, KeyUsage.digitalSignature),
                TestCa.request("CN=validity-test"));
    }

    private static KeyUsage keyUsage(X509CertificateHolder certificate) {
        return KeyUsage.fromExtensions(certificate.getExtensions());
    }

    private static byte[] caSubjectKeyIdentifier(IssuingCa issuer) {
        return SubjectKeyIdentifier.fromExtensions(issuer.holder().getExtensions()).getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(X509CertificateHolder certificate) {
        return AuthorityKeyIdentifier.fromExtensions(certificate.getExtensions()).getKeyIdentifier();
    }

    @Test
    void serialIsPositiveWithAtLeast64Bits() {
        BigInteger serial = issue(TestKeys.ecP256()).getSerialNumber();
        assertThat(serial.signum()).isPositive();
        assertThat(serial.bitLength()).isGreaterThanOrEqualTo(64);
    }

    @Test
    void serialsAreUniqueAcross1000Certificates() {
        CertificateRequestData request = TestCa.request("CN=serial-test");
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            serials.add(issue(request).getSerialNumber());
        }
        assertThat(serials).hasSize(1000);
    }

    @Test
    void notAfterIsNowPlusProfileValidity() {
        assertThat(issueWithValidity(Duration.ofDays(30)).getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void notAfterIsClampedToTheCaNotAfterWhenProfileValidityIsLonger() {
        // The demo CA is valid for ten years.
        assertThat(issueWithValidity(Duration.ofDays(20 * 365)).getNotAfter())
                .isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void notBeforeIsBackdatedFiveMinutesForDevicesWithSlowClocks() {
        assertThat(issue(TestKeys.ecP256()).getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    }

    @Test
    void rsaKeyKeepsEveryUsageExceptKeyAgreement() {
        KeyUsage usage = keyUsage(issue(rsa2048));
        assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment))
                .isTrue();
        assertThat(usage.hasUsages(KeyUsage.keyAgreement)).isFalse();
    }

    @Test
    void ecKeyLosesEnciphermentButKeepsKeyAgreement() {
        KeyUsage usage = keyUsage(issue(TestKeys.ecP256()));
        assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyAgreement)).isTrue();
        assertThat(usage.hasUsages(KeyUsage.keyEncipherment)).isFalse();
        assertThat(usage.hasUsages(KeyUsage.dataEncipherment)).isFalse();
    }

    @Test
    void ed25519KeyOnlySigns() {
        assertThat(keyUsage(issue(TestKeys.ed25519()))).isEqualTo(new KeyUsage(KeyUsage.digitalSignature));
    }

    @Test
    void keyUsageIsCritical() {
        assertThat(issue(TestKeys.ecP256()).getExtension(Extension.keyUsage).isCritical()).isTrue();
    }

    @Test
    void keyUsageIsOmittedWhenTheKeyCanDoNoneOfTheProfileUsages() {
        CertificateTemplate encipherOnly = TestProfiles.template(Duration.ofDays(30), KeyUsage.keyEncipherment);
        X509CertificateHolder certificate = issue(ca, encipherOnly, TestCa.request("CN=ec-encipher"));
        assertThat(certificate.getExtension(Extension.keyUsage)).isNull();
    }

    @Test
    void extendedKeyUsageComesFromTheProfile() {
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(issue(TestKeys.ecP256()).getExtensions());
        assertThat(eku.getUsages()).containsExactly(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
    }

    @Test
    void noExtendedKeyUsageWhenTheProfileHasNone() {
        CertificateTemplate noEku = TestProfiles.template(Duration.ofDays(30), KeyUsage.digitalSignature);
        assertThat(issue(ca, noEku, TestCa.request("CN=no-eku")).getExtension(Extension.extendedKeyUsage)).isNull();
    }

    @Test
    void basicConstraintsSayNotACaAndAreCritical() {
        X509CertificateHolder certificate = issue(TestKeys.ecP256());
        assertThat(BasicConstraints.fromExtensions(certificate.getExtensions()).isCA()).isFalse();
        assertThat(certificate.getExtension(Extension.basicConstraints).isCritical()).isTrue();
    }

    @Test
    void subjectSanAndKeyComeFromTheRequestAndIssuerIsTheCa() {
        KeyPair keys = TestKeys.ecP256();
        X509CertificateHolder certificate = issue(keys);
        assertThat(certificate.getSubject()).isEqualTo(new X500Name("CN=issuer-test"));
        assertThat(GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName)
                .getNames()).containsExactly(dns("issuer-test.example"));
        assertThat(certificate.getSubjectPublicKeyInfo())
                .isEqualTo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        assertThat(certificate.getIssuer()).isEqualTo(ca.subject());
    }

    @Test
    void sanIsNotCriticalBesideASubject() {
        assertThat(issue(TestKeys.ecP256()).getExtension(Extension.subjectAlternativeName).isCritical()).isFalse();
    }

    @Test
    void sanIsCriticalWhenTheSubjectIsEmpty() {
        X509CertificateHolder certificate = issue(TestCa.request("", dns("no-subject.example")));
        assertThat(certificate.getSubject().getRDNs()).isEmpty();
        assertThat(certificate.getExtension(Extension.subjectAlternativeName).isCritical()).isTrue();
    }

    @Test
    void noSanExtensionWhenTheRequestHasNone() {
        assertThat(issue(TestCa.request("CN=no-san")).getExtension(Extension.subjectAlternativeName)).isNull();
    }

    @Test
    void authorityKeyIdentifierIsTheCaSubjectKeyIdentifier() {
        assertThat(authorityKeyIdentifier(issue(TestKeys.ecP256()))).isEqualTo(caSubjectKeyIdentifier(ca));
    }

    @Test
    void authorityKeyIdentifierIsTheCaSubjectKeyIdentifierWhateverMethodTheCaUsed() {
        IssuingCa truncatedSkiCa = withRfc5280Method2SubjectKeyIdentifier(ca);
        X509CertificateHolder certificate = issue(truncatedSkiCa, ALL_USAGES, TestCa.request("CN=aki-test"));
        assertThat(authorityKeyIdentifier(certificate)).isEqualTo(caSubjectKeyIdentifier(truncatedSkiCa));
    }

    /** The same CA re-signed with the truncated-SHA-1 key identifier of RFC 5280 §4.2.1.2 method (2). */
    private static IssuingCa withRfc5280Method2SubjectKeyIdentifier(IssuingCa original) {
        try {
            X509CertificateHolder resigned = new X509v3CertificateBuilder(original.holder())
                    .replaceExtension(Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils()
                            .createTruncatedSubjectKeyIdentifier(original.holder().getSubjectPublicKeyInfo()))
                    .build(original.signer().contentSigner());
            return IssuingCa.of(original.signer(), List.of(TestCa.x509(resigned)));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signatureVerifiesWithTheCaPublicKey() throws CertException, OperatorCreationException {
        X509CertificateHolder certificate = issue(rsa2048);
        assertThat(certificate.isSignatureValid(
                new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(ca.certificate()))).isTrue();
    }
}
