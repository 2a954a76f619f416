package dev.estserver.service.ca;

import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Reading PKCS#10 requests (RFC 2986): the request itself, the single-valued attributes EST and CMC put in it
 * (challengePassword, otpChallenge, AsymmetricDecryptKeyIdentifier, ChangeSubjectName), and the extensions it asks
 * for (PKCS#9 extensionRequest).
 */
public final class Pkcs10Requests {

    private Pkcs10Requests() {
    }

    /**
     * The request in {@code asn1}. BouncyCastle parses its parts lazily; they are touched here so that malformed
     * content fails now, where the caller turns it into a 400, not later as a 500.
     *
     * @throws RuntimeException when {@code asn1} is not a well-formed CertificationRequest
     */
    public static PKCS10CertificationRequest parse(ASN1Encodable asn1) {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(CertificationRequest.getInstance(asn1));
        csr.getSubject();
        csr.getSubjectPublicKeyInfo();
        csr.getAttributes();
        return csr;
    }

    /**
     * The value of a SINGLE VALUE attribute, or empty when the CSR does not carry it. A CSR that repeats the
     * attribute or gives it several values is malformed (400) rather than ambiguous.
     *
     * @param name the attribute's name, for the message
     */
    public static Optional<ASN1Encodable> singleValue(PKCS10CertificationRequest csr, ASN1ObjectIdentifier type,
            String name) {
        Attribute[] attributes = csr.getAttributes(type);
        if (attributes.length == 0) {
            return Optional.empty();
        }
        int values = 0;
        for (Attribute attribute : attributes) {
            values += attribute.getAttrValues().size();
        }
        if (attributes.length != 1 || values != 1) {
            throw new RequestRejected(Problem.MALFORMED, "CSR carries " + attributes.length + " " + name
                    + " attribute(s) with " + values + " value(s) in all; exactly one value is allowed");
        }
        return Optional.of(attributes[0].getAttrValues().getObjectAt(0));
    }

    /**
     * The extensions of the CSR's extensionRequest attribute, or empty when it has none. A value that is not a
     * sequence of extensions is malformed (400).
     */
    public static Optional<Extensions> requestedExtensions(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            if (attribute.getAttrValues().size() > 0) {
                try {
                    return Optional.of(Extensions.getInstance(attribute.getAttrValues().getObjectAt(0)));
                } catch (RuntimeException e) {
                    throw new RequestRejected(Problem.MALFORMED, "CSR extensionRequest attribute is not a sequence "
                            + "of extensions: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}
