package dev.estserver.service.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import dev.estserver.service.ca.Der;
import dev.estserver.service.ca.KeyRequirement;

/**
 * The RFC 9908 certificate request template: one {@code id-aa-certificationRequestInfoTemplate} attribute whose
 * value is a CSR without key and signature, with blanks the client fills in (module with IMPLICIT TAGS):
 *
 * <pre>
 * CertificationRequestInfoTemplate ::= SEQUENCE {
 *     version       INTEGER { v1(0) },
 *     subject       NameTemplate OPTIONAL,       -- one RDN per required attribute, value absent: the client's
 *     subjectPKInfo [0] SubjectPublicKeyInfoTemplate OPTIONAL,  -- algorithm; for RSA a placeholder key of the size
 *     attributes    [1] Attributes }
 * </pre>
 *
 * The attributes carry what the client must add:
 * <ul>
 * <li>required subjectAltName types: an extensionRequest whose subjectAltName holds one empty name per type. RFC 9908
 * defines the empty iPAddress and the empty directoryName as "fill this in"; an empty dNSName, rfc822Name or URI
 * cannot be a name the client is told to use (RFC 5280 §4.2.1.6 forbids them), so they read the same way. otherName
 * and registeredID have no empty form; when only they are required, the subjectAltName is an
 * {@code id-aa-extensionReqTemplate} entry without a value, which asks for the extension but not for a type;</li>
 * <li>challengePassword and otpChallenge: the attribute with no value. The values are the client's to compute, and
 * an empty values set is how this template marks a blank, as a value-less RDN or extension does.</li>
 * </ul>
 * The signature algorithm has no place in a CertificationRequestInfo; the legacy list beside the template names it.
 */
final class CsrTemplate {

    /** id-aa-certificationRequestInfoTemplate (RFC 9908, IANA SMI S/MIME attribute 61). */
    static final ASN1ObjectIdentifier CERTIFICATION_REQUEST_INFO_TEMPLATE = PKCSObjectIdentifiers.id_aa.branch("61");

    /** id-aa-extensionReqTemplate (RFC 9908, IANA SMI S/MIME attribute 62). */
    static final ASN1ObjectIdentifier EXTENSION_REQ_TEMPLATE = PKCSObjectIdentifiers.id_aa.branch("62");

    private static final BigInteger RSA_PUBLIC_EXPONENT = BigInteger.valueOf(65537);

    private CsrTemplate() {
    }

    static Attribute of(CsrRequirements requirements) {
        ASN1EncodableVector template = new ASN1EncodableVector();
        template.add(new ASN1Integer(0));
        if (!requirements.subjectAttributes().isEmpty()) {
            template.add(subject(requirements.subjectAttributes()));
        }
        requirements.key().ifPresent(key -> template.add(new DERTaggedObject(false, 0, subjectPublicKeyInfo(key))));
        template.add(new DERTaggedObject(false, 1, attributes(requirements)));
        return new Attribute(CERTIFICATION_REQUEST_INFO_TEMPLATE, new DERSet(new DERSequence(template)));
    }

    private static DERSequence subject(List<ASN1ObjectIdentifier> types) {
        return new DERSequence(types.stream()
                .map(type -> new DERSet(new DERSequence(type)))
                .toArray(ASN1Encodable[]::new));
    }

    private static DERSequence subjectPublicKeyInfo(KeyRequirement key) {
        ASN1ObjectIdentifier algorithm = KeyAlgorithmOids.algorithm(key);
        return switch (key.family()) {
            case EC -> new DERSequence(new AlgorithmIdentifier(algorithm, KeyAlgorithmOids.curve(key)));
            // RFC 9908: the size of an RSA key is said by a placeholder public key of that modulus length.
            case RSA -> new DERSequence(new ASN1Encodable[] {new AlgorithmIdentifier(algorithm, DERNull.INSTANCE),
                    new DERBitString(placeholderRsaKey(key.minimumBits()))});
            default -> new DERSequence(new AlgorithmIdentifier(algorithm));
        };
    }

    /** An odd modulus of exactly {@code bits} bits, 2^(bits-1) + 1: plainly not anyone's key. */
    private static byte[] placeholderRsaKey(int bits) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).add(BigInteger.ONE);
        return Der.encode(new RSAPublicKey(modulus, RSA_PUBLIC_EXPONENT));
    }

    private static DERSet attributes(CsrRequirements requirements) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        if (requirements.challengePassword()) {
            attributes.add(new Attribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERSet()));
        }
        if (requirements.otpChallenge()) {
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_otpChallenge, new DERSet()));
        }
        if (!requirements.sanTypes().isEmpty()) {
            attributes.add(subjectAltNameRequest(requirements.sanTypes()));
        }
        return new DERSet(attributes);
    }

    private static Attribute subjectAltNameRequest(List<String> types) {
        GeneralName[] blanks = types.stream().map(CsrTemplate::blank).flatMap(Optional::stream)
                .toArray(GeneralName[]::new);
        if (blanks.length == 0) {
            return new Attribute(EXTENSION_REQ_TEMPLATE,
                    new DERSet(new DERSequence(new DERSequence(Extension.subjectAlternativeName))));
        }
        Extension subjectAltName = new Extension(Extension.subjectAlternativeName, false,
                new DEROctetString(Der.encode(new GeneralNames(blanks))));
        return new Attribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                new DERSet(new Extensions(subjectAltName)));
    }

    private static Optional<GeneralName> blank(String sanType) {
        return Optional.ofNullable(switch (sanType) {
            case "dns" -> new GeneralName(GeneralName.dNSName, new DERIA5String(""));
            case "email" -> new GeneralName(GeneralName.rfc822Name, new DERIA5String(""));
            case "uri" -> new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(""));
            case "ip" -> new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[0]));
            case "dirname" -> new GeneralName(GeneralName.directoryName, new X500Name(new RDN[0]));
            default -> null;
        });
    }
}
