package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.support.CountingSigner;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

/**
 * An issuing CA seen through {@link CertificateAuthority}: whatever it signs (certificates, CRLs, OCSP responses,
 * CMS) verifies with its certificate, and every signature is asked of its {@link CaSigner}, once.
 */
class CertificateAuthorityTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final KeyPair CA_KEYS = TestKeys.ecP256();
    private static final X509Certificate CA_CERT = selfSigned("CN=Interface Test CA", CA_KEYS);
    private static final BigInteger SERIAL = new BigInteger("1234567890ABCDEF", 16);

    private final CountingSigner signer = new CountingSigner(CA_KEYS.getPrivate());
    private final CertificateAuthority ca = IssuingCa.of(signer, List.of(CA_CERT));
    /** The probe signature that checks the key against the certificate is not counted. */
    private final int signedBefore = signer.signatures();

    private static X509Certificate selfSigned(String name, KeyPair keys) {
        return TestCa.x509(SelfSignedCa.create(new X500Name(name), keys, Duration.ofDays(1)));
    }

    private static ContentVerifierProvider caKey() throws Exception {
        return new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(CA_CERT);
    }

    private int signaturesMade() {
        return signer.signatures() - signedBefore;
    }

    private static OCSPReq ocspRequest(X509Certificate issuer, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer.getEncoded()), SERIAL);
        return new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce)))).build();
    }

    @Test
    void issuesCertificatesThatVerifyWithTheCaKey() throws Exception {
        X509CertificateHolder issued = ca.issue(TestProfiles.defaults(), TestCa.request("CN=device-1"), NOW);

        assertThat(issued.isSignatureValid(caKey())).isTrue();
        assertThat(issued.getIssuer()).isEqualTo(ca.subject());
        assertThat(signaturesMade()).isEqualTo(1);
    }

    @Test
    void signsCrlsThatVerifyWithTheCaKey() throws Exception {
        X509CRLHolder crl = new X509CRLHolder(ca.signCrl(BigInteger.valueOf(7), NOW, NOW.plus(Duration.ofHours(1)),
                List.of(new RevokedEntry(SERIAL, NOW.minusSeconds(60), CRLReason.keyCompromise))));

        assertThat(crl.isSignatureValid(caKey())).isTrue();
        assertThat(crl.getIssuer()).isEqualTo(ca.subject());
        assertThat(CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber())
                .isEqualTo(7);
        assertThat(crl.getRevokedCertificate(SERIAL)).isNotNull();
        assertThat(signaturesMade()).isEqualTo(1);
    }

    @Test
    void signsOcspResponsesThatVerifyWithTheCaKey() throws Exception {
        byte[] nonce = {4, 2};
        List<X500Name> askedAbout = new ArrayList<>();
        OCSPResp response = new OCSPResp(OcspResponder.respond(ocspRequest(CA_CERT, nonce).getEncoded(), List.of(ca),
                (issuer, serial) -> {
                    askedAbout.add(issuer);
                    return new CertificateState.Revoked(new RevokedEntry(serial, NOW, RevokedEntry.UNSPECIFIED));
                }, NOW));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(basic.isSignatureValid(caKey())).isTrue();
        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertID().getSerialNumber()).isEqualTo(SERIAL);
        assertThat(single.getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(askedAbout).containsExactly(ca.subject());
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
                .isEqualTo(new DEROctetString(nonce));
        assertThat(signaturesMade()).isEqualTo(1);
    }

    @Test
    void signsNoOcspResponseAboutAnotherCa() throws Exception {
        X509Certificate other = selfSigned("CN=Someone Else's CA", TestKeys.ecP256());
        OCSPResp response = new OCSPResp(OcspResponder.respond(ocspRequest(other, new byte[] {1}).getEncoded(),
                List.of(ca), (issuer, serial) -> new CertificateState.Good(), NOW));

        assertThat(response.getStatus()).isEqualTo(OCSPResp.UNAUTHORIZED);
        assertThat(signaturesMade()).isZero();
    }

    @Test
    void signsCmsThatVerifiesWithTheCaCertificate() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(ca.cmsSigner());
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(new byte[] {1, 2, 3}), true);

        SignerInformation signerInfo = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                .build(CA_CERT))).isTrue();
        assertThat(signaturesMade()).isEqualTo(1);
    }

    @Test
    void refusesASignerWhoseKeyIsNotTheCertificates() {
        CountingSigner impostor = new CountingSigner(TestKeys.ecP256().getPrivate());

        assertThatThrownBy(() -> IssuingCa.of(impostor, List.of(CA_CERT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CA private key does not belong to CA certificate CN=Interface Test CA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-256", "P-384", "RSA", "Ed25519"})
    void issuesWithAKeyHeldInThisProcessOfEveryKind(String kind) throws Exception {
        KeyPair keys = TestKeys.caKind(kind);
        X509Certificate certificate = selfSigned("CN=" + kind + " CA", keys);
        CertificateAuthority authority = IssuingCa.of(keys.getPrivate(), List.of(certificate));

        X509CertificateHolder issued = authority.issue(TestProfiles.defaults(), TestCa.request("CN=device-2"), NOW);

        assertThat(issued.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC)
                .build(certificate))).isTrue();
        assertThatThrownBy(() -> IssuingCa.of(keys.getPrivate(), List.of(CA_CERT)))
                .hasMessageContaining("does not belong");
    }
}
