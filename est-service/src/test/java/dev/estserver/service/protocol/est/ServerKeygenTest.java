package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.EncryptedKeyPackage;
import dev.estserver.service.ca.KeyIdentifiers;
import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.LogCapture;
import dev.estserver.service.support.Multipart;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * /serverkeygen (RFC 7030 §4.4, RFC 8951): label {@code keygen} generates a key of the CSR key's kind (EC P-256 or
 * RSA 2048, subject CN required), {@code keygen-p384} always an EC P-384 key, and the default label refuses.
 */
@QuarkusTest
class ServerKeygenTest {

    private static final String PKCS8_PART = "Content-Type: application/pkcs8";
    private static final String ENCRYPTED_KEY_PART =
            "Content-Type: application/pkcs7-mime; smime-type=server-generated-key";
    private static final String CERTS_ONLY_PART = "Content-Type: application/pkcs7-mime; smime-type=certs-only";
    private static final String BASE64 = "Content-Transfer-Encoding: base64";

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static String device() {
        return "keygen-" + UUID.randomUUID();
    }

    private static HttpResponse<byte[]> serverKeygen(EstClient client, String label, PKCS10CertificationRequest csr) {
        return client.post(label + "/serverkeygen", "application/pkcs10", Csrs.base64(csr),
                "Authorization", EstClient.DEMO_BASIC);
    }

    /** The response read strictly: 200, a key part and a certificate part. */
    private static Multipart multipart(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        Multipart multipart = Multipart.parse(response.headers().firstValue("Content-Type").orElseThrow(),
                response.body());
        assertThat(multipart.parts()).hasSize(2);
        return multipart;
    }

    /** The second part, exactly the certs-only body a /simpleenroll answer has. */
    private static X509Certificate certificate(Multipart multipart) {
        Multipart.Part part = multipart.parts().get(1);
        assertThat(part.headers()).containsExactly(CERTS_ONLY_PART, BASE64);
        return Pkcs7.single(part.content());
    }

    /** The first part as a client without extra encryption reads it: base64 of a DER PKCS#8 PrivateKeyInfo. */
    private static PrivateKey plainKey(Multipart multipart) {
        Multipart.Part part = multipart.parts().getFirst();
        assertThat(part.headers()).containsExactly(PKCS8_PART, BASE64);
        return privateKey(PrivateKeyInfo.getInstance(part.base64Decoded()));
    }

    private static PrivateKey privateKey(PrivateKeyInfo info) {
        try {
            return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPrivateKey(info);
        } catch (IOException e) {
            throw new AssertionError("not a usable PKCS#8 PrivateKeyInfo: " + e.getMessage(), e);
        }
    }

    /**
     * The first part as a client that asked for encryption reads it: an EnvelopedData for its key, holding a
     * SignedData by the issuing CA, holding an AsymmetricKeyPackage of one key.
     */
    private static PrivateKey decryptedKey(Multipart multipart, byte[] keyId, PrivateKey clientKey) throws Exception {
        Multipart.Part part = multipart.parts().getFirst();
        assertThat(part.headers()).containsExactly(ENCRYPTED_KEY_PART, BASE64);
        CMSEnvelopedData envelope = new CMSEnvelopedData(part.base64Decoded());
        assertThat(envelope.getRecipientInfos().size()).isEqualTo(1);
        RecipientInformation info = envelope.getRecipientInfos().getRecipients().iterator().next();
        Recipient recipient;
        if (info.getRID() instanceof KeyTransRecipientId rid) {
            assertThat(rid.getSubjectKeyIdentifier()).isEqualTo(keyId);
            recipient = new JceKeyTransEnvelopedRecipient(clientKey).setProvider(Crypto.BC);
        } else {
            assertThat(((KeyAgreeRecipientId) info.getRID()).getSubjectKeyIdentifier()).isEqualTo(keyId);
            recipient = new JceKeyAgreeEnvelopedRecipient(clientKey).setProvider(Crypto.BC);
        }
        CMSSignedData signed = new CMSSignedData(info.getContent(recipient));
        assertThat(signed.getSignedContentTypeOID()).isEqualTo(EncryptedKeyPackage.ASYMMETRIC_KEY_PACKAGE.getId());
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                .build(TestTls.caCertificate()))).as("signed by the issuing CA").isTrue();
        ASN1Sequence keyPackage = ASN1Sequence.getInstance(signed.getSignedContent().getContent());
        assertThat(keyPackage.size()).isEqualTo(1);
        return privateKey(PrivateKeyInfo.getInstance(keyPackage.getObjectAt(0)));
    }

    private static String kind(X509Certificate certificate) {
        return CsrKey.of(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())).toString();
    }

    /** The forms in which a leaked key would show: the base64 sent on the wire, and its secret number in hex. */
    private static List<String> secretForms(PrivateKey key) {
        BigInteger secret = key instanceof ECPrivateKey ec ? ec.getS() : ((RSAPrivateKey) key).getPrivateExponent();
        return List.of(Base64.getEncoder().encodeToString(key.getEncoded()), secret.toString(16));
    }

    /** A CSR asking for the key encrypted to the key with this identifier (RFC 7030 §4.4.1.2). */
    private static PKCS10CertificationRequest encryptedTo(byte[] keyId, String name) {
        return Csrs.withAttributes(TestKeys.ecP256(), "CN=" + name,
                Csrs.attribute(PKCSObjectIdentifiers.id_aa_asymmDecryptKeyID, new DEROctetString(keyId)));
    }

    @Test
    void returnsAFreshKeyAndItsCertificateAsMultipartWithoutStoringOrLoggingTheKey() throws Exception {
        String name = device();
        KeyPair csrKeys = TestKeys.ecP256();
        PKCS10CertificationRequest csr = Csrs.csr(csrKeys, "CN=" + name, name + ".example");
        HttpResponse<byte[]> response;
        List<String> logged;
        try (LogCapture logs = LogCapture.start()) {
            response = serverKeygen(client, "keygen", csr);
            // A refusal after key generation is logged: the capture is live, and that key is discarded.
            serverKeygen(client, "keygen", csr);
            logged = logs.records();
        }
        assertThat(logged).anyMatch(line -> line.contains("device '" + name + "' is already enrolled"));

        Multipart multipart = multipart(response);
        X509Certificate cert = certificate(multipart);
        PrivateKey key = plainKey(multipart);
        assertThat(KeyPairs.belongTogether(key, cert.getPublicKey())).as("key matches the certificate").isTrue();
        assertThat(cert.getPublicKey()).isNotEqualTo(csrKeys.getPublic());
        assertThat(kind(cert)).isEqualTo("EC P-256");
        cert.verify(TestTls.caCertificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, name + ".example"));

        String serial = TestCertificates.serial(cert);
        assertThat(database.single("select d.current_certificate_serial from device d where d.identity = ? "
                + "and d.label = 'keygen' and d.status = 'ACTIVE'", name)).isEqualTo(serial);
        assertThat(database.single("select reason from enrollment_event where serial = ? and outcome = 'ISSUED' "
                + "and operation = 'serverkeygen' and auth_method = 'BASIC'", serial))
                .isEqualTo("server-generated key (EC P-256), returned protected by TLS only; the private key is not "
                        + "stored");
        for (String secret : secretForms(key)) {
            assertThat(database.tablesContaining(secret)).as("tables holding the private key").isEmpty();
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
    }

    @Test
    void generatesAnRsaKeyOfTheLargestAllowedSizeNotAboveTheCsrKeys() throws Exception {
        Multipart multipart = multipart(serverKeygen(client, "keygen", Csrs.csr(TestKeys.rsa(3072), "CN=" + device())));
        X509Certificate cert = certificate(multipart);
        assertThat(kind(cert)).isEqualTo("RSA 2048 bits");
        assertThat(KeyPairs.belongTogether(plainKey(multipart), cert.getPublicKey())).isTrue();
        assertThat(cert.getKeyUsage()[2]).as("keyEncipherment for an RSA key").isTrue();
    }

    @Test
    void generatesTheConfiguredKeyKindWhateverKeyTheCsrHas() throws Exception {
        Multipart multipart = multipart(serverKeygen(client, "keygen-p384",
                Csrs.csr(TestKeys.ed25519(), "CN=" + device())));
        X509Certificate cert = certificate(multipart);
        assertThat(kind(cert)).isEqualTo("EC P-384");
        assertThat(KeyPairs.belongTogether(plainKey(multipart), cert.getPublicKey())).isTrue();
    }

    /** RFC 7030 §4.4.1: the server MUST ignore the public key values and signature in the CSR. */
    @Test
    void ignoresTheCsrSignature() {
        HttpResponse<byte[]> response = client.post("keygen/serverkeygen", "application/pkcs10",
                Csrs.withBrokenSignature(Csrs.csr(TestKeys.ecP256(), "CN=" + device())),
                "Authorization", EstClient.DEMO_BASIC);
        assertThat(certificate(multipart(response))).isNotNull();
    }

    @Test
    void refusesOnALabelWhoseProfileDoesNotEnableIt() {
        HttpResponse<byte[]> response = serverKeygen(client, "plant-a", Csrs.csr(TestKeys.ecP256(), "CN=" + device()));
        rejections.assertRejected(response, 403, "server-side key generation is not enabled for label 'plant-a' "
                + "(profile 'default'); an operator can enable it with est.profiles.default.serverkeygen.enabled=true");
        rejections.assertRejected(client.post("serverkeygen", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())), "Authorization", EstClient.DEMO_BASIC),
                403, "not enabled for label 'default'");
    }

    @Test
    void refusesACsrKeyKindTheProfileDoesNotAllowNamingTheAllowedOnes() {
        HttpResponse<byte[]> response = serverKeygen(client, "keygen", Csrs.csr(TestKeys.ed25519(), "CN=" + device()));
        rejections.assertRejected(response, 400, "profile 'keygen' does not allow Ed25519",
                "allowed: [EC P-256, RSA >= 2048 bits]");
    }

    @Test
    void appliesTheSubjectRulesOfTheProfile() {
        HttpResponse<byte[]> response = serverKeygen(client, "keygen",
                Csrs.csr(TestKeys.ecP256(), "O=Acme", device() + ".example"));
        rejections.assertRejected(response, 400, "CN is required (est.profiles.keygen.subject.required)");
    }

    @Test
    void challengesAnUnauthenticatedClientWithBasic() {
        HttpResponse<byte[]> response = client.post("keygen/serverkeygen", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())));
        rejections.assertRejected(response, 401, "authentication required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    @Test
    void refusesASecondKeyForAnEnrolledDeviceLikeSimpleenroll() {
        String name = device();
        multipart(serverKeygen(client, "keygen", Csrs.csr(TestKeys.ecP256(), "CN=" + name)));
        rejections.assertRejected(serverKeygen(client, "keygen", Csrs.csr(TestKeys.ecP256(), "CN=" + name)), 409,
                "device '" + name + "' is already enrolled");
        assertThat(database.count("select count(*) from certificate c join device d on d.id = c.device_id"
                + " where d.identity = ?", name)).isEqualTo(1);
    }

    @Test
    void encryptsTheKeyToTheRsaTlsClientCertificateTheCsrNames() throws Exception {
        KeyPair tlsKeys = TestKeys.rsa(2048);
        X509Certificate tlsCert = client.enrolled(null, Csrs.csr(tlsKeys, "CN=tls-" + device()));
        byte[] keyId = KeyIdentifiers.of(tlsCert);
        String name = device();

        Multipart multipart = multipart(serverKeygen(EstClient.withCertificate(tlsKeys, tlsCert), "keygen",
                encryptedTo(keyId, name)));
        X509Certificate cert = certificate(multipart);
        PrivateKey key = decryptedKey(multipart, keyId, tlsKeys.getPrivate());
        assertThat(KeyPairs.belongTogether(key, cert.getPublicKey())).isTrue();
        assertThat(database.single("select reason from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED'", name)).isEqualTo("server-generated key (EC P-256), returned encrypted to key identifier "
                + HexFormat.of().withUpperCase().formatHex(keyId) + "; the private key is not stored");
    }

    @Test
    void encryptsTheKeyByKeyAgreementToAnEcTlsClientCertificateWithoutKeyUsage() throws Exception {
        KeyPair tlsKeys = TestKeys.ecP256();
        X509Certificate tlsCert = TestCertificates.selfSigned("CN=unrestricted-" + device(), tlsKeys);
        byte[] keyId = KeyIdentifiers.of(tlsCert);

        Multipart multipart = multipart(serverKeygen(EstClient.withCertificate(tlsKeys, tlsCert), "keygen",
                encryptedTo(keyId, device())));
        assertThat(KeyPairs.belongTogether(decryptedKey(multipart, keyId, tlsKeys.getPrivate()),
                certificate(multipart).getPublicKey())).isTrue();
    }

    @Test
    void refusesEncryptionWithoutATlsClientCertificate() {
        rejections.assertRejected(serverKeygen(client, "keygen", encryptedTo(new byte[] {1, 2, 3}, device())), 400,
                "encrypted to key identifier 010203 (AsymmetricDecryptKeyIdentifier, RFC 7030 §4.4.1.2), but no TLS "
                        + "client certificate was presented");
    }

    @Test
    void refusesEncryptionToAKeyOtherThanTheTlsClientCertificates() throws Exception {
        KeyPair tlsKeys = TestKeys.ecP256();
        X509Certificate tlsCert = TestCertificates.selfSigned("CN=other-" + device(), tlsKeys);
        rejections.assertRejected(serverKeygen(EstClient.withCertificate(tlsKeys, tlsCert), "keygen",
                encryptedTo(new byte[] {1, 2, 3}, device())), 400, "encrypted to key identifier 010203",
                "has SubjectKeyIdentifier " + HexFormat.of().withUpperCase().formatHex(KeyIdentifiers.of(tlsCert)));
    }

    @Test
    void refusesEncryptionToACertificateWhoseKeyUsageForbidsKeyAgreement() throws Exception {
        KeyPair tlsKeys = TestKeys.ecP256();
        X509Certificate tlsCert = client.enrolled(null, Csrs.csr(tlsKeys, "CN=signing-only-" + device()));
        rejections.assertRejected(serverKeygen(EstClient.withCertificate(tlsKeys, tlsCert), "keygen",
                encryptedTo(KeyIdentifiers.of(tlsCert), device())), 400,
                "its keyUsage does not include keyAgreement (RFC 7030 §4.4.1.2)");
    }

    @Test
    void refusesSymmetricKeyEncryptionForWantOfPreSharedKeys() {
        PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=" + device(),
                Csrs.attribute(PKCSObjectIdentifiers.id_aa_decryptKeyID, new DEROctetString(new byte[] {7})));
        rejections.assertRejected(serverKeygen(client, "keygen", csr), 501,
                "(DecryptKeyIdentifier, RFC 7030 §4.4.1.1); this server holds no such keys");
    }
}
