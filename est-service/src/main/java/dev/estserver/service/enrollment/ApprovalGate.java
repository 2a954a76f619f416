package dev.estserver.service.enrollment;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.Der;
import dev.estserver.service.ca.Digests;
import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.PendingRequest;

/**
 * Holds enrollments of profiles that require manual approval. The first request is stored as pending; the client
 * polls by re-sending the same CSR, correlated by its SHA-256 within the label, so that any replica can answer.
 */
@ApplicationScoped
class ApprovalGate implements Approvals {

    private final Clock clock;

    ApprovalGate(Clock clock) {
        this.clock = clock;
    }

    @Override
    @Transactional
    public Admission admit(EnrollmentContext context, Profile profile, PKCS10CertificationRequest csr,
            CertificateRequestData request) {
        Instant now = clock.instant();
        String csrHash = Digests.sha256Hex(Der.encode(csr.toASN1Structure()));
        PendingRequest pending = PendingRequest.lock(context.label(), csrHash).orElse(null);
        if (pending == null) {
            requireEnrollable(context, profile);
            boolean inserted = newRequest(context, profile, request, csrHash, now).insertIfAbsent();
            pending = PendingRequest.lock(context.label(), csrHash).orElseThrow();
            if (inserted) {
                return new Admission.Waiting(waiting(pending, "stored for manual approval"));
            }
        }
        if (!pending.principal.equals(context.principal())) {
            throw new RequestRejected(Problem.FORBIDDEN, "enrollment request " + pending.id + " for this CSR was made "
                    + "by '" + pending.principal + "'; '" + context.principal() + "' cannot poll it");
        }
        return switch (pending.status) {
            case PENDING -> {
                if (pending.isExpired(now)) {
                    throw new RequestRejected(Problem.FORBIDDEN, "enrollment request " + pending.id + " expired at "
                            + pending.expiresAt + " without a decision (est.profiles." + profile.name()
                            + ".approval.expire-after=" + profile.approval().expireAfter() + "); generate a new key "
                            + "and CSR to ask again");
                }
                yield new Admission.Waiting(waiting(pending, "waiting for manual approval"));
            }
            case REJECTED -> throw new RequestRejected(Problem.FORBIDDEN, "enrollment request " + pending.id
                    + " was rejected by '" + pending.decidedBy + "' at " + pending.decidedAt + ": "
                    + pending.decisionReason);
            case APPROVED -> new Admission.Approved(pending.id);
            case ISSUED -> {
                CertificateRecord issued = CertificateRecord.<CertificateRecord>findById(pending.certificateSerial);
                yield new Admission.Issued(new IssuedCertificate(issued.serial, issued.der));
            }
        };
    }

    /** A device the label would refuse anyway is told so now, not after an operator approved it. */
    private static void requireEnrollable(EnrollmentContext context, Profile profile) {
        Device.lookup(context.label(), context.deviceIdentity()).map(KnownDevice::of).ifPresent(known -> {
            known.requireNotStopped();
            known.requireNotEnrolled(profile.duplicateDevice());
        });
    }

    private static PendingRequest newRequest(EnrollmentContext context, Profile profile, CertificateRequestData request,
            String csrHash, Instant now) {
        PendingRequest pending = new PendingRequest();
        pending.label = context.label();
        pending.csrSha256 = csrHash;
        pending.deviceIdentity = context.deviceIdentity();
        pending.subject = request.subject().toString();
        pending.subjectAltNames = request.subjectAltNames().map(SubjectAltNames::describe).orElse(null);
        pending.publicKey = CsrKey.of(request.publicKey()).toString();
        pending.authMethod = context.authMethod();
        pending.principal = context.principal();
        pending.clientAddress = context.clientAddress();
        pending.expiresAt = now.plus(profile.approval().expireAfter());
        return pending;
    }

    private static String waiting(PendingRequest pending, String state) {
        return "enrollment of '" + pending.deviceIdentity + "' " + state + " (request " + pending.id + ", label '"
                + pending.label + "', expires at " + pending.expiresAt + "); send the same CSR again after the "
                + "Retry-After delay";
    }
}
