package dev.estserver.service.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JceAsymmetricKeyWrapper;

import dev.estserver.service.crypto.Crypto;

/**
 * A server-generated private key encrypted for the client, as RFC 7030 §4.4.2 and RFC 5958 §4 describe: the key in
 * an AsymmetricKeyPackage, signed (SignedData) by the issuing CA that generated it, so the client can check its
 * origin against the trust anchor of {@code /cacerts}, then enveloped (EnvelopedData) for the client's public key.
 * RSA recipients get key transport with RSAES-OAEP (SHA-256), EC recipients ephemeral-static ECDH with the
 * SHA-256 KDF and AES-256 key wrap; the content is AES-256-CBC. Everything is DER.
 */
public final class EncryptedKeyPackage {

    /** id-ct-KP-aKeyPackage (RFC 5958 §3). */
    public static final ASN1ObjectIdentifier ASYMMETRIC_KEY_PACKAGE =
            new ASN1ObjectIdentifier("2.16.840.1.101.2.1.2.78.5");

    private EncryptedKeyPackage() {
    }

    /**
     * @param recipientKeyId the client's key identifier, used as the recipient's subjectKeyIdentifier
     * @param recipient      an RSA or EC public key
     * @return a DER ContentInfo of type EnvelopedData whose content is a SignedData
     */
    public static byte[] seal(PrivateKey key, CertificateAuthority generator, byte[] recipientKeyId,
            PublicKey recipient) {
        try {
            byte[] keyPackage = Der.encode(new DERSequence(PrivateKeyInfo.getInstance(KeyPairs.pkcs8(key))));
            CMSSignedDataGenerator signer = new CMSSignedDataGenerator();
            signer.addSignerInfoGenerator(generator.cmsSigner());
            signer.addCertificates(new JcaCertStore(generator.chain()));
            byte[] signed = Der.encode(signer.generate(new CMSProcessableByteArray(ASYMMETRIC_KEY_PACKAGE, keyPackage),
                    true).toASN1Structure());

            CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
            envelope.addRecipientInfoGenerator(recipientInfo(recipientKeyId, recipient));
            return Der.encode(envelope.generate(new CMSProcessableByteArray(CMSObjectIdentifiers.signedData, signed),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(Crypto.BC)
                            .setSecureRandom(Crypto.RANDOM).build()).toASN1Structure());
        } catch (CMSException | GeneralSecurityException e) {
            // The message of a CMS failure names algorithms, never key material.
            throw new IllegalStateException("cannot encrypt the server-generated key: " + e.getMessage(), e);
        }
    }

    private static RecipientInfoGenerator recipientInfo(byte[] keyId, PublicKey recipient)
            throws GeneralSecurityException {
        CsrKey kind = CsrKey.of(SubjectPublicKeyInfo.getInstance(recipient.getEncoded()));
        if (kind.canEncrypt()) {
            OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT);
            return new JceKeyTransRecipientInfoGenerator(keyId,
                    new JceAsymmetricKeyWrapper(oaep, recipient).setProvider(Crypto.BC).setSecureRandom(Crypto.RANDOM));
        }
        if (kind.canAgreeKeys()) {
            KeyPair ephemeral = KeyPairs.ec(kind.curve());
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(Crypto.BC)
                    .setSecureRandom(Crypto.RANDOM).addRecipient(keyId, recipient);
        }
        throw new IllegalArgumentException("a " + kind + " key can neither transport nor agree keys");
    }
}
