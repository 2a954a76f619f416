package dev.estserver.service.enrollment;

import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.Pkcs10Requests;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The ChangeSubjectName attribute of a re-enrollment CSR (RFC 6402 §2.8, RFC 7030 §4.2.2): the CSR keeps the
 * current names, the attribute carries the names wanted in the new certificate.
 */
record SubjectNameChange(Optional<X500Name> subject, Optional<GeneralNames> subjectAltNames) {

    /** id-cmc-changeSubjectName, id-cmc 36. */
    static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.7.36");

    static Optional<SubjectNameChange> of(PKCS10CertificationRequest csr) {
        return Pkcs10Requests.singleValue(csr, OID, "ChangeSubjectName").map(value -> {
            try {
                return parse(ASN1Sequence.getInstance(value));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw malformed("ChangeSubjectName is not a SEQUENCE { subject Name OPTIONAL, subjectAlt "
                        + "GeneralNames OPTIONAL }: " + e.getMessage());
            }
        });
    }

    /**
     * RFC 6402 left both fields untagged SEQUENCEs; its erratum 3943 tags subjectAlt [1]. Both are read: a Name is
     * a SEQUENCE of SETs, GeneralNames a SEQUENCE of tagged choices.
     */
    private static SubjectNameChange parse(ASN1Sequence sequence) {
        X500Name subject = null;
        GeneralNames subjectAlt = null;
        for (ASN1Encodable element : sequence) {
            if (element.toASN1Primitive() instanceof ASN1TaggedObject tagged) {
                subjectAlt = GeneralNames.getInstance(tagged, false);
            } else {
                ASN1Sequence inner = ASN1Sequence.getInstance(element);
                if (inner.size() > 0 && inner.getObjectAt(0).toASN1Primitive() instanceof ASN1Set) {
                    subject = X500Name.getInstance(inner);
                } else {
                    subjectAlt = GeneralNames.getInstance(inner);
                }
            }
        }
        if (subject == null && subjectAlt == null) {
            throw new IllegalArgumentException("neither subject nor subjectAlt is present");
        }
        return new SubjectNameChange(Optional.ofNullable(subject), Optional.ofNullable(subjectAlt));
    }

    /** The request with the names replaced that this change replaces; the public key stays. */
    CertificateRequestData applyTo(CertificateRequestData request) {
        return new CertificateRequestData(subject.orElse(request.subject()),
                subjectAltNames.isPresent() ? subjectAltNames : request.subjectAltNames(), request.publicKey());
    }

    private static RequestRejected malformed(String reason) {
        return new RequestRejected(Problem.MALFORMED, "ChangeSubjectName attribute (RFC 6402 §2.8): " + reason);
    }
}
