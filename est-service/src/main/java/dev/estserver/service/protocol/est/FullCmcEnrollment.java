package dev.estserver.service.protocol.est;

import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCFailInfo;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.enrollment.EnrollmentService;
import dev.estserver.service.enrollment.IssuedCertificate;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.protocol.est.cmc.FullPkiRequest;
import dev.estserver.service.protocol.est.cmc.FullPkiResponse;
import dev.estserver.service.protocol.est.cmc.TaggedPkcs10;
import dev.estserver.service.protocol.est.cmc.TransactionControls;
import dev.estserver.service.protocol.est.cmc.UnsupportedCmcRequest;

/**
 * {@code /fullcmc} (RFC 7030 §4.3) for one PKCS#10 request in a Full PKI Request signed with that request's key,
 * enrolled exactly like {@code /simpleenroll}. A body that is not such a signed message is refused as text like any
 * malformed EST request. A signed one that asks for more than that, or that enrollment refuses, gets a Full PKI
 * Response reporting the failure (CMCFailInfo badRequest, the reason as statusString) with the refusal's 4xx status:
 * RFC 7030 §4.3.2 wants a 4xx or 5xx carrying a CMC response for every CMC error. A request held for manual
 * approval is answered like one to {@code /simpleenroll}: 202 with Retry-After and a text/plain reason, and sending
 * a Full PKI Request with the same PKCS#10 request again polls it. A CMC "pending" status would have the client poll
 * with the Query Pending control, which this server does not accept.
 */
@ApplicationScoped
class FullCmcEnrollment {

    private static final Asn1Body BODY = new Asn1Body("CMC Full PKI Request", List.of("CMS", "PKCS7"));

    private final EnrollmentService enrollment;
    private final CertificateAuthorities authorities;
    private final EstResponses responses;

    FullCmcEnrollment(EnrollmentService enrollment, CertificateAuthorities authorities, EstResponses responses) {
        this.enrollment = enrollment;
        this.authorities = authorities;
        this.responses = responses;
    }

    /**
     * @param authenticate authenticates the caller for the enclosed request, as /simpleenroll does; a refusal is
     *                     answered as text with its challenge, not as a CMC failure
     */
    Response enroll(EnrollmentContext context, Profile profile, byte[] body,
            Consumer<PKCS10CertificationRequest> authenticate) {
        FullPkiRequest request = FullPkiRequest.parse(BODY.decode(body));
        CertificateAuthority ca = authorities.named(profile.issuingCa());
        TransactionControls controls = request.transactionControls();
        TaggedPkcs10 pkcs10;
        try {
            pkcs10 = request.verifiedPkcs10();
        } catch (UnsupportedCmcRequest e) {
            throw failure(ca, controls, Problem.MALFORMED, e.bodyList(), e.getMessage());
        }
        authenticate.accept(pkcs10.csr());
        IssuedCertificate issued;
        try {
            issued = RequestDeferred.issuedOrDeferred(enrollment.enroll(context, profile, pkcs10.csr()));
        } catch (RequestRejected e) {
            throw failure(ca, controls, e.problem(), List.of(pkcs10.bodyPartId()), EstRemedies.reason(e));
        }
        return responses.cmc(Response.Status.OK.getStatusCode(), FullPkiResponse.success(ca, controls,
                pkcs10.bodyPartId(), Certificate.getInstance(issued.der())));
    }

    private CmcRejection failure(CertificateAuthority ca, TransactionControls controls, Problem problem,
            List<BodyPartID> bodyList, String reason) {
        byte[] response = FullPkiResponse.failure(ca, controls, bodyList, CMCFailInfo.badRequest, reason);
        return new CmcRejection(problem, reason, responses.cmc(ProblemStatus.of(problem), response));
    }
}
