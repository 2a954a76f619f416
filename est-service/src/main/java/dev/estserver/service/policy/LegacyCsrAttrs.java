package dev.estserver.service.policy;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;

import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.KeyRequirement;

/**
 * The RFC 7030 §4.5.2 form of CSR attributes, as RFC 9908 §3 reads it: a list of OIDs and attributes, each one a
 * thing the CSR should contain.
 * <ul>
 * <li>challengePassword, otpChallenge: the OID of the attribute the client must add, with its own value;</li>
 * <li>the key: an attribute of the key algorithm whose value is the curve (ecPublicKey) or the modulus size in bits
 * (rsaEncryption); Ed25519 has no parameter, so its bare OID;</li>
 * <li>required subject attributes: their attribute type OIDs (CN is 2.5.4.3);</li>
 * <li>required subjectAltName types: the subjectAltName extension OID. The form has no way to ask for a name of a
 * given type without dictating its value (an extensionRequest carries whole extension values); the template form
 * does;</li>
 * <li>the signature algorithm matching the key.</li>
 * </ul>
 */
final class LegacyCsrAttrs {

    private LegacyCsrAttrs() {
    }

    static List<AttrOrOID> of(CsrRequirements requirements) {
        List<AttrOrOID> items = new ArrayList<>();
        if (requirements.challengePassword()) {
            items.add(new AttrOrOID(PKCSObjectIdentifiers.pkcs_9_at_challengePassword));
        }
        if (requirements.otpChallenge()) {
            items.add(new AttrOrOID(PKCSObjectIdentifiers.id_aa_otpChallenge));
        }
        requirements.key().ifPresent(key -> items.add(keyItem(key)));
        requirements.subjectAttributes().forEach(type -> items.add(new AttrOrOID(type)));
        if (!requirements.sanTypes().isEmpty()) {
            items.add(new AttrOrOID(Extension.subjectAlternativeName));
        }
        // The Ed25519 key OID is its signature algorithm too: no need to say it twice.
        requirements.key().filter(key -> key.family() != CsrKey.Family.ED25519)
                .ifPresent(key -> items.add(new AttrOrOID(KeyAlgorithmOids.signature(key))));
        return items;
    }

    private static AttrOrOID keyItem(KeyRequirement key) {
        return switch (key.family()) {
            case EC -> keyAttribute(key, KeyAlgorithmOids.curve(key));
            case RSA -> keyAttribute(key, new ASN1Integer(key.minimumBits()));
            default -> new AttrOrOID(KeyAlgorithmOids.algorithm(key));
        };
    }

    private static AttrOrOID keyAttribute(KeyRequirement key, ASN1Encodable parameter) {
        return new AttrOrOID(new Attribute(KeyAlgorithmOids.algorithm(key), new DERSet(parameter)));
    }
}
