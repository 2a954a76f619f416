package dev.estserver.service.admin;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.CertificateFilter;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;

/** An operator's view of issued certificates, and revocation of one. */
@ApplicationScoped
class CertificateAdministration {

    private final AuditedRevocations revocations;

    CertificateAdministration(AuditedRevocations revocations) {
        this.revocations = revocations;
    }

    @Transactional
    Page<CertificateView> list(CertificateFilter filter, PageRequest page) {
        return page.page(CertificateRecord.page(filter, page.after(), page.fetch()), c -> c.serial,
                rows -> rows.stream().map(CertificateView::of).toList());
    }

    @Transactional
    CertificateView get(String serial) {
        return CertificateView.of(find(serial));
    }

    @Transactional
    String pem(String serial) {
        try {
            return PemFiles.toPem(new X509CertificateHolder(find(serial).der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A revoked certificate can no longer re-enroll; the device keeps its other certificates. */
    @Transactional
    CertificateView revoke(EnrollmentContext context, String serial, RevocationReason reason) {
        // The device before the certificate, as a reset, delete or enrollment of it locks them, so that this waits
        // for those instead of deadlocking with them.
        Device device = Device.lockOfCertificate(normalized(serial)).orElseThrow(() -> unknown(serial));
        CertificateRecord certificate = CertificateRecord.lock(normalized(serial)).orElseThrow(() -> unknown(serial));
        context.at(context.operation(), certificate.label);
        context.device(device.identity);
        revocations.revoke(context, certificate, reason);
        return CertificateView.of(certificate);
    }

    private static CertificateRecord find(String serial) {
        return CertificateRecord.findBySerial(normalized(serial)).orElseThrow(() -> unknown(serial));
    }

    private static String normalized(String serial) {
        return SerialNumbers.normalize(serial);
    }

    private static RequestRejected unknown(String serial) {
        return new RequestRejected(Problem.NOT_FOUND, "no certificate with serial " + serial
                + " (hexadecimal, as openssl x509 -serial prints it)");
    }
}
