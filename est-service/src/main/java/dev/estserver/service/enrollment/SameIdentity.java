package dev.estserver.service.enrollment;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * RFC 7030 §4.2.2: a re-enrollment CSR must carry the same subject and subjectAltName as the certificate being
 * renewed. Subjects are compared with X.500 name matching (case and string type do not matter), SANs as sets.
 */
final class SameIdentity {

    private SameIdentity() {
    }

    static void require(X509Certificate current, CertificateRequestData request) {
        X509CertificateHolder holder = holder(current);
        X500Name subject = holder.getSubject();
        if (!subject.equals(request.subject())) {
            throw new RequestRejected(Problem.FORBIDDEN, "re-enrollment CSR subject '" + request.subject()
                    + "' differs from the subject of the certificate being renewed '" + subject
                    + "' (RFC 7030 §4.2.2 requires them to be identical)");
        }
        Set<GeneralName> certificateNames = names(Optional.ofNullable(holder.getExtensions())
                .map(extensions -> GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName)));
        Set<GeneralName> requestedNames = names(request.subjectAltNames());
        if (!certificateNames.equals(requestedNames)) {
            throw new RequestRejected(Problem.FORBIDDEN, "re-enrollment CSR subjectAltName ["
                    + SubjectAltNames.describe(requestedNames) + "] differs from that of the certificate being renewed ["
                    + SubjectAltNames.describe(certificateNames) + "]"
                    + " (RFC 7030 §4.2.2 requires them to be identical)");
        }
    }

    private static Set<GeneralName> names(Optional<GeneralNames> names) {
        return names.map(n -> new HashSet<>(Arrays.asList(n.getNames()))).orElseGet(HashSet::new);
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
