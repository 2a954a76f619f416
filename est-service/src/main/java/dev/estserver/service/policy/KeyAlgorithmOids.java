package dev.estserver.service.policy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import dev.estserver.service.ca.KeyRequirement;

/** The object identifiers that name a profile's key kind to a client: key algorithm, curve and signature. */
final class KeyAlgorithmOids {

    private KeyAlgorithmOids() {
    }

    /** ecPublicKey, rsaEncryption or id-Ed25519. */
    static ASN1ObjectIdentifier algorithm(KeyRequirement key) {
        return switch (key.family()) {
            case EC -> X9ObjectIdentifiers.id_ecPublicKey;
            case RSA -> PKCSObjectIdentifiers.rsaEncryption;
            case ED25519 -> EdECObjectIdentifiers.id_Ed25519;
            case OTHER -> throw new IllegalArgumentException("no key algorithm for " + key);
        };
    }

    /** The named curve of an EC key kind (P-256 is secp256r1). */
    static ASN1ObjectIdentifier curve(KeyRequirement key) {
        ASN1ObjectIdentifier curve = NISTNamedCurves.getOID(key.curve());
        if (curve == null) {
            throw new IllegalArgumentException("no named curve for " + key);
        }
        return curve;
    }

    /**
     * The signature the CSR should be signed with: the hash matches the curve's strength (RFC 5480 §4); SHA-256 for
     * every RSA size, as our own CA signs; Ed25519 names its own hash.
     */
    static ASN1ObjectIdentifier signature(KeyRequirement key) {
        return switch (key.family()) {
            case EC -> switch (key.curve()) {
                case "P-384" -> X9ObjectIdentifiers.ecdsa_with_SHA384;
                case "P-521" -> X9ObjectIdentifiers.ecdsa_with_SHA512;
                default -> X9ObjectIdentifiers.ecdsa_with_SHA256;
            };
            case RSA -> PKCSObjectIdentifiers.sha256WithRSAEncryption;
            case ED25519 -> EdECObjectIdentifiers.id_Ed25519;
            case OTHER -> throw new IllegalArgumentException("no signature algorithm for " + key);
        };
    }
}
