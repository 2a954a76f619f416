package dev.estserver.service.support;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CertificationRequest;
import org.bouncycastle.asn1.cmc.OtherMsg;
import org.bouncycastle.asn1.cmc.PKIData;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.asn1.cmc.TaggedCertificationRequest;
import org.bouncycastle.asn1.cmc.TaggedContentInfo;
import org.bouncycastle.asn1.cmc.TaggedRequest;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.Der;
import dev.estserver.service.ca.SignatureAlgorithms;

/** CMC Full PKI Requests (RFC 5272 §3.2) as a CMC client builds them with BouncyCastle. */
public final class CmcRequests {

    private CmcRequests() {
    }

    /** The usual request: the CSR as body part 1, signed with its key and naming it by its SHA-1 key identifier. */
    public static byte[] fullPkiRequest(KeyPair keys, PKCS10CertificationRequest csr) {
        return signed(pkiData(List.of(), pkcs10(1, csr)), keys);
    }

    public static TaggedRequest pkcs10(long bodyPartId, PKCS10CertificationRequest csr) {
        return new TaggedRequest(new TaggedCertificationRequest(new BodyPartID(bodyPartId),
                CertificationRequest.getInstance(csr.toASN1Structure().toASN1Primitive())));
    }

    public static TaggedAttribute control(long bodyPartId, ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new TaggedAttribute(new BodyPartID(bodyPartId), type, new DERSet(value));
    }

    public static TaggedAttribute transactionId(long bodyPartId, long transactionId) {
        return control(bodyPartId, CMCObjectIdentifiers.id_cmc_transactionId, new ASN1Integer(transactionId));
    }

    public static TaggedAttribute senderNonce(long bodyPartId, byte[] nonce) {
        return control(bodyPartId, CMCObjectIdentifiers.id_cmc_senderNonce, new DEROctetString(nonce));
    }

    public static PKIData pkiData(List<TaggedAttribute> controls, TaggedRequest... requests) {
        return new PKIData(controls.toArray(TaggedAttribute[]::new), requests, new TaggedContentInfo[0],
                new OtherMsg[0]);
    }

    /** Signed with {@code keys}, naming the signer by the SHA-1 key identifier of its public key. */
    public static byte[] signed(PKIData data, KeyPair keys) {
        return signed(data, keys, keyIdentifier(keys.getPublic()));
    }

    /** Signed with {@code keys}, naming the signer by {@code keyIdentifier}. */
    public static byte[] signed(PKIData data, KeyPair keys, byte[] keyIdentifier) {
        try {
            return signed(data, signerInfos().build(signer(keys), keyIdentifier));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with {@code keys}, naming the signer by issuer and serial number of {@code certificate}. */
    public static byte[] signedWithCertificate(PKIData data, KeyPair keys, X509Certificate certificate) {
        try {
            return signed(data, signerInfos().build(signer(keys), new JcaX509CertificateHolder(certificate)));
        } catch (OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 in 64-column LF lines, as BouncyCastle and libest clients send it. */
    public static byte[] base64(byte[] der) {
        return (Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n").getBytes();
    }

    public static byte[] keyIdentifier(PublicKey key) {
        return new BcX509ExtensionUtils().createSubjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(
                key.getEncoded())).getKeyIdentifier();
    }

    private static byte[] signed(PKIData data, SignerInfoGenerator signerInfo) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            return generator.generate(new CMSProcessableByteArray(CMCObjectIdentifiers.id_cct_PKIData,
                    Der.encode(data)), true).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaSignerInfoGeneratorBuilder signerInfos() throws OperatorCreationException {
        return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC)
                .build());
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SignatureAlgorithms.forKey(keys.getPrivate())).setProvider(Crypto.BC)
                .build(keys.getPrivate());
    }
}
