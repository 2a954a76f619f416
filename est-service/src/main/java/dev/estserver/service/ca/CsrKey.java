package dev.estserver.service.ca;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The public key of a CSR, described well enough to apply policy: its family and its size or curve.
 *
 * @param family RSA, EC, ED25519 or OTHER
 * @param bits   RSA modulus size; 0 for other families
 * @param curve  EC curve name (P-256, P-384, or the OID for others); empty for other families
 */
public record CsrKey(Family family, int bits, String curve, String algorithmOid) {

    public enum Family { RSA, EC, ED25519, OTHER }

    public static CsrKey of(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier algorithm = spki.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            try {
                int bits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
                return new CsrKey(Family.RSA, bits, "", algorithm.getId());
            } catch (IOException | IllegalArgumentException e) {
                return new CsrKey(Family.OTHER, 0, "", algorithm.getId());
            }
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            Object params = spki.getAlgorithm().getParameters();
            String curve = params instanceof ASN1ObjectIdentifier oid ? curveName(oid) : "explicit parameters";
            return new CsrKey(Family.EC, 0, curve, algorithm.getId());
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            return new CsrKey(Family.ED25519, 0, "", algorithm.getId());
        }
        return new CsrKey(Family.OTHER, 0, "", algorithm.getId());
    }

    private static String curveName(ASN1ObjectIdentifier oid) {
        if (SECObjectIdentifiers.secp256r1.equals(oid)) {
            return "P-256";
        }
        if (SECObjectIdentifiers.secp384r1.equals(oid)) {
            return "P-384";
        }
        if (SECObjectIdentifiers.secp521r1.equals(oid)) {
            return "P-521";
        }
        if (SECObjectIdentifiers.secp256k1.equals(oid)) {
            return "secp256k1";
        }
        return oid.getId();
    }

    /** Keys that can encrypt (key transport); only RSA among the families we accept. */
    public boolean canEncrypt() {
        return family == Family.RSA;
    }

    public boolean canAgreeKeys() {
        return family == Family.EC;
    }

    @Override
    public String toString() {
        return switch (family) {
            case RSA -> "RSA " + bits + " bits";
            case EC -> "EC " + curve;
            case ED25519 -> "Ed25519";
            case OTHER -> "unsupported key algorithm " + algorithmOid;
        };
    }
}
