package dev.estserver.service.enrollment;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.Profile;

/** Manual approval of enrollments, for labels whose profile requires it: {@link ApprovalGate} in the database. */
interface Approvals {

    /** Where the request stands: stored or still waiting, approved, or already answered with a certificate. */
    Admission admit(EnrollmentContext context, Profile profile, PKCS10CertificationRequest csr,
            CertificateRequestData request);
}
