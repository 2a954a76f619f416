package dev.estserver.service.enrollment;

import java.time.Instant;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.ca.CertificateIssuer;
import dev.estserver.service.ca.Digests;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.EnrollmentEvent;

/** The rows an issuance writes, built in one place for both ways of writing them. */
final class IssuedRows {

    private IssuedRows() {
    }

    /** The certificate's row, not yet tied to a device. */
    static CertificateRecord certificate(X509CertificateHolder certificate, String label, String replaces,
            Instant now) {
        CertificateRecord record = new CertificateRecord();
        record.serial = SerialNumbers.toHex(certificate.getSerialNumber());
        record.label = label;
        record.issuer = certificate.getIssuer().toString();
        record.subject = certificate.getSubject().toString();
        GeneralNames sans = GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName);
        record.subjectAltNames = sans == null ? null : SubjectAltNames.describe(sans);
        record.notBefore = certificate.getNotBefore().toInstant();
        record.notAfter = certificate.getNotAfter().toInstant();
        record.der = CertificateIssuer.der(certificate);
        record.fingerprintSha256 = Digests.sha256Hex(record.der);
        record.status = CertificateRecord.Status.GOOD;
        record.replacesSerial = replaces;
        record.issuedAt = now;
        return record;
    }

    /** The audit row of a successful issuance. */
    static EnrollmentEvent event(EnrollmentContext context, CertificateRecord issued) {
        return context.event(EnrollmentEvent.Outcome.ISSUED, 200, issued.serial, context.note());
    }
}
