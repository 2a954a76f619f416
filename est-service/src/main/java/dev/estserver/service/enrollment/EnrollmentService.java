package dev.estserver.service.enrollment;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.auth.ChannelBinding;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.DeviceIdentity;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.context.Caller;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.CsrPolicy;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Device;

/**
 * Enrollment and re-enrollment: policy, then signing, then one transaction that stores the result. Signing happens
 * before the transaction so that no database lock is held during public-key operations.
 */
@ApplicationScoped
public class EnrollmentService {

    private final CertificateAuthorities authorities;
    private final IssuanceRecorder recorder;
    private final ApprovalGate approvals;
    private final FirstEnrollments firstEnrollments;

    EnrollmentService(CertificateAuthorities authorities, IssuanceRecorder recorder, ApprovalGate approvals,
            FirstEnrollments firstEnrollments) {
        this.authorities = authorities;
        this.firstEnrollments = firstEnrollments;
        this.recorder = recorder;
        this.approvals = approvals;
    }

    /** A certificate, or, while the label's manual approval is pending, when to ask again. */
    public EnrollmentOutcome enroll(EnrollmentContext context, Profile profile, PKCS10CertificationRequest csr) {
        CertificateRequestData request = accept(context, profile, csr);
        Optional<Long> approvedRequest = Optional.empty();
        if (profile.approval().required()) {
            switch (approvals.admit(context, profile, csr, request)) {
                case Admission.Waiting waiting -> {
                    return new EnrollmentOutcome.Pending(profile.approval().retryAfter(), waiting.reason());
                }
                case Admission.Issued issued -> {
                    return new EnrollmentOutcome.Issued(issued.certificate());
                }
                case Admission.Approved approved -> approvedRequest = Optional.of(approved.requestId());
            }
        }
        return new EnrollmentOutcome.Issued(issue(context, profile, request, approvedRequest));
    }

    /**
     * Signs and commits a certificate for a request that passed the profile's policy, as a device's enrollment.
     *
     * @param approvedRequest the approved pending request it answers, on labels that require approval
     */
    IssuedCertificate issue(EnrollmentContext context, Profile profile, CertificateRequestData request,
            Optional<Long> approvedRequest) {
        X509CertificateHolder certificate = sign(profile, profile.certificate(), request);
        if (FirstEnrollments.applies(context, approvedRequest)) {
            Optional<IssuedCertificate> first = firstEnrollments.record(context, certificate);
            if (first.isPresent()) {
                return first.get();
            }
        }
        // The device exists: its registration may limit what it is issued, so sign again where it does.
        Optional<CertificateTemplate> limited = registered(context, profile);
        if (limited.isPresent()) {
            certificate = sign(profile, limited.get(), request);
        }
        return recorder.recordEnrollment(context, profile.duplicateDevice(), certificate, approvedRequest);
    }

    public IssuedCertificate reenroll(EnrollmentContext context, Profile profile, Caller caller,
            PKCS10CertificationRequest csr) {
        CertificateRequestData request = accept(context, profile, csr);
        var current = caller.certificate().orElseThrow();
        SameIdentity.require(current, request);
        Optional<SubjectNameChange> change = SubjectNameChange.of(csr);
        Optional<String> newIdentity = Optional.empty();
        if (change.isPresent()) {
            if (!profile.changeSubjectName()) {
                throw new RequestRejected(Problem.FORBIDDEN, "the CSR asks to change the subject (ChangeSubjectName "
                        + "attribute) but label '" + context.label() + "' does not permit it (est.profiles."
                        + profile.name() + ".change-subject-name=false)");
            }
            request = change.get().applyTo(request);
            CsrPolicy.checkNames(request, profile);
            newIdentity = Optional.of(DeviceIdentity.of(request));
        }
        X509CertificateHolder certificate = sign(profile, registered(context, profile).orElse(profile.certificate()),
                request);
        return recorder.recordReenrollment(context, SerialNumbers.toHex(current.getSerialNumber()), newIdentity,
                certificate);
    }

    /**
     * The profile's template as the device's registration limits it, read now, or empty when the device has no
     * registration that changes it; the recorder checks the registration again under the device lock.
     */
    private static Optional<CertificateTemplate> registered(EnrollmentContext context, Profile profile) {
        return Device.lookup(context.label(), context.deviceIdentity())
                .map(device -> DeviceRegistration.of(device).limit(profile.certificate()))
                .filter(template -> !template.equals(profile.certificate()));
    }

    private X509CertificateHolder sign(Profile profile, CertificateTemplate template, CertificateRequestData request) {
        return authorities.named(profile.issuingCa()).issue(template, request, Instant.now());
    }

    private static CertificateRequestData accept(EnrollmentContext context, Profile profile,
            PKCS10CertificationRequest csr) {
        CertificateRequestData request = CertificateRequestData.of(csr);
        context.device(DeviceIdentity.of(request));
        CsrPolicy.check(csr, profile);
        ChannelBinding.require(profile, context.tls(), csr);
        return request;
    }
}
