package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.est.AttrOrOID;
import org.bouncycastle.asn1.est.CsrAttrs;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import dev.estserver.service.crypto.Crypto;

/**
 * What a careful EST client does with {@code /csrattrs}: it reads the RFC 9908 template when there is one and
 * ignores the rest (RFC 9908 §4), else the RFC 7030 list, and makes a CSR that meets it, filling each blank from
 * its own identity. It knows nothing of the server's profiles; anything it does not understand fails the test.
 */
public final class CsrFromAttributes {

    private static final ASN1ObjectIdentifier TEMPLATE = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.61");
    private static final ASN1ObjectIdentifier EXTENSION_REQ_TEMPLATE =
            new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.62");
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    /**
     * The values this client fills blanks with.
     *
     * @param subject           subject attribute values by attribute type
     * @param altNames          subjectAltName values by GeneralName tag ({@link GeneralName#dNSName}, ...)
     * @param challengePassword what goes into a requested challengePassword
     */
    public record Identity(Map<ASN1ObjectIdentifier, String> subject, Map<Integer, String> altNames,
            String challengePassword) {
    }

    /** A CSR and the key it was made for. */
    public record Request(PKCS10CertificationRequest csr, KeyPair keys) {
    }

    private final Identity identity;
    private final X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    private final List<GeneralName> altNames = new ArrayList<>();
    private KeyPair keys;
    private String signature;
    private boolean challengePassword;

    private CsrFromAttributes(Identity identity) {
        this.identity = identity;
    }

    public static Request make(byte[] csrAttrsDer, Identity identity) {
        CsrFromAttributes client = new CsrFromAttributes(identity);
        AttrOrOID[] items = CsrAttrs.getInstance(csrAttrsDer).getAttrOrOIDs();
        List<AttrOrOID> templates = List.of(items).stream()
                .filter(item -> !item.isOid() && item.getAttribute().getAttrType().equals(TEMPLATE)).toList();
        if (templates.isEmpty()) {
            List.of(items).forEach(client::followLegacy);
        } else {
            client.followTemplate((ASN1Sequence) templates.getFirst().getAttribute().getAttributeValues()[0]);
        }
        return client.build();
    }

    private void followTemplate(ASN1Sequence template) {
        if (!ASN1Integer.getInstance(template.getObjectAt(0)).hasValue(0)) {
            throw new AssertionError("template version is not v1(0): " + template);
        }
        for (ASN1Encodable element : template.toArray()) {
            switch (element) {
                case ASN1Sequence names -> names.forEach(rdn -> ASN1Set.getInstance(rdn).forEach(attribute -> {
                    ASN1Sequence typeAndValue = ASN1Sequence.getInstance(attribute);
                    ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(typeAndValue.getObjectAt(0));
                    if (typeAndValue.size() == 2) {
                        subject.addRDN(type, typeAndValue.getObjectAt(1));
                    } else {
                        subject.addRDN(type, own(identity.subject(), type, "subject attribute"));
                    }
                }));
                case ASN1TaggedObject key when key.getTagNo() == 0 -> generateKey(SubjectPublicKeyInfoTemplate.of(
                        (ASN1Sequence) key.getBaseUniversal(false, BERTags.SEQUENCE)));
                case ASN1TaggedObject attributes when attributes.getTagNo() == 1 ->
                    ((ASN1Set) attributes.getBaseUniversal(false, BERTags.SET))
                            .forEach(attribute -> followTemplateAttribute(Attribute.getInstance(attribute)));
                default -> {
                    // the version, checked above
                }
            }
        }
    }

    private void followTemplateAttribute(Attribute attribute) {
        ASN1ObjectIdentifier type = attribute.getAttrType();
        if (type.equals(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            challengePassword = true;
        } else if (type.equals(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions extensions = Extensions.getInstance(attribute.getAttributeValues()[0]);
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                requireSubjectAltName(oid);
                Extension extension = extensions.getExtension(oid);
                for (GeneralName name : GeneralNames.getInstance(extension.getParsedValue()).getNames()) {
                    altNames.add(blank(name) ? ownAltName(name.getTagNo()) : name);
                }
            }
        } else if (type.equals(EXTENSION_REQ_TEMPLATE)) {
            ASN1Sequence.getInstance(attribute.getAttributeValues()[0]).forEach(template -> {
                requireSubjectAltName(ASN1ObjectIdentifier.getInstance(ASN1Sequence.getInstance(template)
                        .getObjectAt(0)));
                identity.altNames().keySet().forEach(tag -> altNames.add(ownAltName(tag)));
            });
        } else {
            throw new AssertionError("this client does not understand template attribute " + type);
        }
    }

    private void followLegacy(AttrOrOID item) {
        if (item.isOid()) {
            followLegacyOid(item.getOid());
        } else {
            followLegacyKeyAttribute(item.getAttribute());
        }
    }

    /** An attribute in the legacy list names the key: its algorithm, valued with the curve or the RSA size. */
    private void followLegacyKeyAttribute(Attribute attribute) {
        ASN1ObjectIdentifier algorithm = attribute.getAttrType();
        ASN1Encodable value = attribute.getAttributeValues()[0];
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            generateKey(new SubjectPublicKeyInfoTemplate(new AlgorithmIdentifier(algorithm, value), 0));
        } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            generateKey(new SubjectPublicKeyInfoTemplate(new AlgorithmIdentifier(algorithm),
                    ASN1Integer.getInstance(value).intValueExact()));
        } else {
            throw new AssertionError("this client does not understand attribute " + algorithm);
        }
    }

    private void followLegacyOid(ASN1ObjectIdentifier oid) {
        String signatureName = new DefaultAlgorithmNameFinder().getAlgorithmName(oid);
        if (oid.equals(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            challengePassword = true;
        } else if (oid.equals(ED25519)) {
            generateKey(new SubjectPublicKeyInfoTemplate(new AlgorithmIdentifier(ED25519), 0));
        } else if (oid.equals(Extension.subjectAlternativeName)) {
            identity.altNames().keySet().forEach(tag -> altNames.add(ownAltName(tag)));
        } else if (identity.subject().containsKey(oid)) {
            subject.addRDN(oid, identity.subject().get(oid));
        } else if (!signatureName.equals(oid.getId())) {
            // A known signature algorithm; the list names it after the key, so it wins over the key's default.
            signature = signatureName;
        } else {
            throw new AssertionError("this client does not understand OID " + oid);
        }
    }

    /** The key part of a template, or of the legacy list's key attribute: algorithm and, for RSA, the size. */
    private record SubjectPublicKeyInfoTemplate(AlgorithmIdentifier algorithm, int rsaBits) {

        static SubjectPublicKeyInfoTemplate of(ASN1Sequence template) {
            AlgorithmIdentifier algorithm = AlgorithmIdentifier.getInstance(template.getObjectAt(0));
            if (template.size() == 1) {
                return new SubjectPublicKeyInfoTemplate(algorithm, 0);
            }
            RSAPublicKey placeholder = RSAPublicKey.getInstance(
                    SubjectPublicKeyInfo.getInstance(template).getPublicKeyData().getOctets());
            return new SubjectPublicKeyInfoTemplate(algorithm, placeholder.getModulus().bitLength());
        }
    }

    private void generateKey(SubjectPublicKeyInfoTemplate key) {
        ASN1ObjectIdentifier algorithm = key.algorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            String curve = NISTNamedCurves.getName(ASN1ObjectIdentifier.getInstance(key.algorithm().getParameters()));
            keys = TestKeys.ec(curve);
            signature = switch (curve) {
                case "P-384" -> "SHA384withECDSA";
                case "P-521" -> "SHA512withECDSA";
                default -> "SHA256withECDSA";
            };
        } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            keys = TestKeys.rsa(key.rsaBits());
            signature = "SHA256withRSA";
        } else if (algorithm.equals(ED25519)) {
            keys = TestKeys.ed25519();
            signature = "Ed25519";
        } else {
            throw new AssertionError("this client cannot make a key of " + algorithm);
        }
    }

    private Request build() {
        if (keys == null) {
            generateKey(new SubjectPublicKeyInfoTemplate(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    NISTNamedCurves.getOID("P-256")), 0));
        }
        try {
            var builder = new JcaPKCS10CertificationRequestBuilder(subject.build(), keys.getPublic());
            if (challengePassword) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                        new DERPrintableString(identity.challengePassword()));
            }
            if (!altNames.isEmpty()) {
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(
                        new Extension(Extension.subjectAlternativeName, false, new GeneralNames(
                                altNames.toArray(GeneralName[]::new)).getEncoded())));
            }
            return new Request(builder.build(new JcaContentSignerBuilder(signature).setProvider(Crypto.BC)
                    .build(keys.getPrivate())), keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireSubjectAltName(ASN1ObjectIdentifier extension) {
        if (!extension.equals(Extension.subjectAlternativeName)) {
            throw new AssertionError("this client does not understand extension " + extension);
        }
    }

    /** An empty name is a blank for the client to fill (RFC 9908: empty iPAddress, empty directoryName). */
    private static boolean blank(GeneralName name) {
        ASN1Primitive value = name.getName().toASN1Primitive();
        return value instanceof ASN1OctetString octets ? octets.getOctets().length == 0
                : value instanceof ASN1Sequence sequence ? sequence.size() == 0
                : value.toString().isEmpty();
    }

    private GeneralName ownAltName(int tag) {
        return new GeneralName(tag, own(identity.altNames(), tag, "subjectAltName of tag"));
    }

    private static <K> String own(Map<K, String> values, K key, String what) {
        String value = values.get(key);
        if (value == null) {
            throw new AssertionError("asked for " + what + " " + key + ", which this client has no value for");
        }
        return value;
    }
}
