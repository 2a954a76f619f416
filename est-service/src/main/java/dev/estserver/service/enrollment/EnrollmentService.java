package dev.estserver.service.enrollment;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.auth.ChannelBinding;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateAuthority;
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

/**
 * Enrollment and re-enrollment, whatever the protocol: policy, then a signature, then one transaction that
 * stores the result. Signing happens outside the transaction, so that no database lock is held during public-key
 * operations, and the store checks under the device lock what changed meanwhile. When the device is read before
 * signing, and when after, is {@link #issue}'s business.
 */
@ApplicationScoped
public class EnrollmentService {

    private final CertificateAuthorities authorities;
    private final IssuanceStore store;
    private final Approvals approvals;
    private final Clock clock;

    EnrollmentService(CertificateAuthorities authorities, IssuanceStore store, Approvals approvals, Clock clock) {
        this.authorities = authorities;
        this.store = store;
        this.approvals = approvals;
        this.clock = clock;
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
     * Signs and commits a certificate for a request that passed the profile's policy, as a device's enrollment. A
     * device that does not exist goes the fast path of a first enrollment, unless something else must change in the
     * same transaction (an approved request, a single-use credential).
     * <p>
     * With the CA key in this process, the certificate is signed before the device is read, as for the device that
     * does not exist yet that almost every enrollment is: the first-enrollment statement finds out whether it does,
     * and only if it does is the device read and checked. That read cost more than the native signature: a third more
     * enrollments per second at 64 concurrent clients without it (README, measured design decisions). A device
     * that exists costs a second signature only where its registration shortens the validity, and one refused
     * costs a signature nobody sees. With the key in a token, the device is read first, so that nothing is signed in
     * vain.
     *
     * @param approvedRequest the approved pending request it answers, on labels that require approval
     */
    IssuedCertificate issue(EnrollmentContext context, Profile profile, CertificateRequestData request,
            Optional<Long> approvedRequest) {
        CertificateAuthority ca = authorities.named(profile.issuingCa());
        boolean mayBeFirst = approvedRequest.isEmpty() && context.singleUseCredential().isEmpty();
        Optional<X509CertificateHolder> signedBeforeReading = Optional.empty();
        if (mayBeFirst && ca.signsInProcess()) {
            X509CertificateHolder speculative = ca.issue(profile.certificate(), request, clock.instant());
            Optional<IssuedCertificate> first = store.recordFirst(context, speculative);
            if (first.isPresent()) {
                return first.get();
            }
            signedBeforeReading = Optional.of(speculative);
        }
        Optional<KnownDevice> device = store.device(context.label(), context.deviceIdentity());
        device.ifPresent(known -> {
            known.requireNotStopped();
            known.requireNotEnrolled(profile.duplicateDevice());
        });
        CertificateTemplate template = template(profile, device);
        X509CertificateHolder certificate = signedBeforeReading.filter(c -> template.equals(profile.certificate()))
                .orElseGet(() -> ca.issue(template, request, clock.instant()));
        if (signedBeforeReading.isEmpty() && device.isEmpty() && mayBeFirst) {
            Optional<IssuedCertificate> first = store.recordFirst(context, certificate);
            if (first.isPresent()) {
                return first.get();
            }
        }
        return store.recordEnrollment(context, profile.duplicateDevice(), certificate, approvedRequest);
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
        Optional<KnownDevice> device = store.device(context.label(), context.deviceIdentity());
        device.ifPresent(KnownDevice::requireNotStopped);
        X509CertificateHolder certificate = sign(profile, device, request);
        return store.recordReenrollment(context, SerialNumbers.toHex(current.getSerialNumber()), newIdentity,
                certificate);
    }

    /** With the profile's template, as the device's registration, if any, limits it. */
    private X509CertificateHolder sign(Profile profile, Optional<KnownDevice> device,
            CertificateRequestData request) {
        return authorities.named(profile.issuingCa()).issue(template(profile, device), request, clock.instant());
    }

    private static CertificateTemplate template(Profile profile, Optional<KnownDevice> device) {
        return device.map(known -> known.registration().limit(profile.certificate())).orElse(profile.certificate());
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
