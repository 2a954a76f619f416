package dev.estserver.service.enrollment;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.KeyIdentifiers;
import dev.estserver.service.ca.Pkcs10Requests;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The client key a server-generated private key is encrypted to, when the CSR asks for encryption beyond TLS
 * (RFC 7030 §4.4.1.2). The AsymmetricDecryptKeyIdentifier must be the SubjectKeyIdentifier of the TLS client
 * certificate: that is the one public key whose private key the client has just proved to hold. The symmetric form
 * (DecryptKeyIdentifier, §4.4.1.1) needs secret keys distributed beforehand, which this server does not have.
 *
 * @param keyIdentifier the identifier from the CSR, used as the recipient's subjectKeyIdentifier in the envelope
 */
record KeyEncryptionTarget(byte[] keyIdentifier, X509Certificate certificate) {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Bit positions in {@link X509Certificate#getKeyUsage()}. */
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    /** Empty when the CSR asks for no encryption beyond TLS. */
    static Optional<KeyEncryptionTarget> requestedBy(PKCS10CertificationRequest csr,
            List<X509Certificate> clientChain) {
        if (csr.getAttributes(PKCSObjectIdentifiers.id_aa_decryptKeyID).length > 0) {
            throw new RequestRejected(Problem.NOT_IMPLEMENTED, "CSR asks for the server-generated key encrypted with "
                    + "a pre-shared symmetric key (DecryptKeyIdentifier, RFC 7030 §4.4.1.1); this server holds no "
                    + "such keys. Send an AsymmetricDecryptKeyIdentifier naming the SubjectKeyIdentifier of the TLS "
                    + "client certificate instead, or neither attribute to receive the key protected by TLS only");
        }
        Optional<ASN1Encodable> requested = Pkcs10Requests.singleValue(csr,
                PKCSObjectIdentifiers.id_aa_asymmDecryptKeyID, "AsymmetricDecryptKeyIdentifier");
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        byte[] keyId = keyIdentifier(requested.get());
        if (clientChain.isEmpty()) {
            throw new RequestRejected(Problem.MALFORMED, "CSR asks for the server-generated key encrypted to key "
                    + "identifier " + HEX.formatHex(keyId) + " (AsymmetricDecryptKeyIdentifier, RFC 7030 §4.4.1.2), "
                    + "but no TLS client certificate was presented; the key can only be encrypted to the TLS client "
                    + "certificate whose SubjectKeyIdentifier is that identifier");
        }
        X509Certificate certificate = clientChain.getFirst();
        byte[] certificateKeyId = KeyIdentifiers.of(certificate);
        if (!Arrays.equals(keyId, certificateKeyId)) {
            throw new RequestRejected(Problem.MALFORMED, "CSR asks for the server-generated key encrypted to key "
                    + "identifier " + HEX.formatHex(keyId) + " (AsymmetricDecryptKeyIdentifier), but the TLS client "
                    + "certificate '" + certificate.getSubjectX500Principal().getName() + "' has SubjectKeyIdentifier "
                    + HEX.formatHex(certificateKeyId) + "; the key can only be encrypted to the TLS client "
                    + "certificate");
        }
        requireKeyManagement(certificate);
        return Optional.of(new KeyEncryptionTarget(keyId, certificate));
    }

    String describe() {
        return HEX.formatHex(keyIdentifier);
    }

    private static byte[] keyIdentifier(ASN1Encodable requested) {
        if (!(requested instanceof ASN1OctetString value) || value.getOctets().length == 0) {
            throw new RequestRejected(Problem.MALFORMED, "CSR attribute AsymmetricDecryptKeyIdentifier ("
                    + PKCSObjectIdentifiers.id_aa_asymmDecryptKeyID + ") must be a non-empty OCTET STRING "
                    + "(RFC 7030 §4.4.1.2)");
        }
        return value.getOctets();
    }

    /**
     * RFC 7030 §4.4.1.2: the key must support key transport or key agreement, or its use must be unrestricted
     * (no keyUsage extension). RSA transports keys, EC agrees them, Ed25519 can do neither.
     */
    private static void requireKeyManagement(X509Certificate certificate) {
        CsrKey key = CsrKey.of(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()));
        boolean[] usage = certificate.getKeyUsage();
        String refusal;
        if (key.canEncrypt()) {
            refusal = allows(usage, KEY_ENCIPHERMENT) ? null : "its keyUsage does not include keyEncipherment";
        } else if (key.canAgreeKeys()) {
            refusal = allows(usage, KEY_AGREEMENT) ? null : "its keyUsage does not include keyAgreement";
        } else {
            refusal = "a " + key + " key can neither transport nor agree keys";
        }
        if (refusal != null) {
            throw new RequestRejected(Problem.MALFORMED, "the server-generated key cannot be encrypted to the TLS "
                    + "client certificate '" + certificate.getSubjectX500Principal().getName() + "': " + refusal
                    + " (RFC 7030 §4.4.1.2)");
        }
    }

    private static boolean allows(boolean[] keyUsage, int bit) {
        return keyUsage == null || keyUsage.length > bit && keyUsage[bit];
    }
}
