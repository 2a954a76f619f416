package dev.estserver.service.protocol.est;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.estserver.service.auth.Authenticator;
import dev.estserver.service.auth.ChallengeAttributes;
import dev.estserver.service.auth.ClientChains;
import dev.estserver.service.auth.Credentials;
import dev.estserver.service.auth.Presented;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.context.Caller;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.enrollment.EnrollmentOutcome;
import dev.estserver.service.enrollment.EnrollmentService;
import dev.estserver.service.enrollment.ServerKeygenService;
import dev.estserver.service.http.ContentTypes;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.problem.RequestRejected;

/**
 * {@code /.well-known/est/[<label>/]<operation>} (RFC 7030 §3.2.2). One GET and one POST method parse the path
 * themselves, so that every unknown operation or label gets a {@code text/plain} reason. No {@code @Produces}: an
 * odd Accept header from a client must never turn into 406.
 */
@Path("/.well-known/est")
public class EstResource {

    private final Profiles profiles;
    private final Authenticator authenticator;
    private final EnrollmentService enrollment;
    private final EstResponses responses;
    private final EnrollmentContext context;
    private final CertificateAuthorities authorities;
    private final ServerKeygenService serverKeygen;
    private final FullCmcEnrollment fullCmc;
    private final EstErrorMapper errors;
    private final long maxBodySize;

    EstResource(Profiles profiles, Authenticator authenticator, EnrollmentService enrollment, EstResponses responses,
            EnrollmentContext context, CertificateAuthorities authorities, ServerKeygenService serverKeygen,
            FullCmcEnrollment fullCmc, EstErrorMapper errors, EstConfig config) {
        this.errors = errors;
        this.authorities = authorities;
        this.serverKeygen = serverKeygen;
        this.fullCmc = fullCmc;
        this.profiles = profiles;
        this.authenticator = authenticator;
        this.enrollment = enrollment;
        this.responses = responses;
        this.context = context;
        this.maxBodySize = config.limits().maxBodySize().asLongValue();
    }

    @GET
    @Path("{path: .+}")
    public Response get(@PathParam("path") String path, @Context HttpServerRequest request) {
        EstPath est = begin(path, "GET", request);
        Profile profile = profiles.forLabel(est.label());
        return switch (est.operation()) {
            case CACERTS -> responses.cacerts(profile.issuingCa());
            case CSRATTRS -> responses.csrattrs(est.label());
            case SIMPLEENROLL, SIMPLEREENROLL, SERVERKEYGEN, FULLCMC ->
                    throw new IllegalStateException(est.operation() + " is not a GET operation");
        };
    }

    /**
     * On a virtual thread: an enrollment blocks on PostgreSQL twice, and a platform worker thread per waiting
     * request cost throughput and memory (README, Benchmark: measured design decisions).
     */
    @POST
    @Path("{path: .+}")
    @RunOnVirtualThread
    public Response post(@PathParam("path") String path, @Context RoutingContext routing, InputStream stream) {
        HttpServerRequest request = routing.request();
        EstPath est = begin(path, "POST", request);
        Body body = new Body(routing, stream);
        Profile profile = profiles.forLabel(est.label());
        return switch (est.operation()) {
            case SIMPLEENROLL -> {
                PKCS10CertificationRequest csr = readCsr(request, body);
                authenticateEnrollment(est, profile, request, csr);
                EnrollmentOutcome outcome = enrollment.enroll(context, profile, csr);
                yield responses.issued(RequestDeferred.issuedOrDeferred(outcome).der());
            }
            case SIMPLEREENROLL -> {
                Caller caller = authenticator.forReenrollment(presented(request, Optional.empty()),
                        authorities.named(profile.issuingCa()));
                context.authenticated(caller);
                yield responses.issued(enrollment.reenroll(context, profile, caller, readCsr(request, body)).der());
            }
            case SERVERKEYGEN -> {
                PKCS10CertificationRequest csr = readCsr(request, body);
                authenticateEnrollment(est, profile, request, csr);
                yield responses.serverGeneratedKey(serverKeygen.enroll(context, profile, csr,
                        ClientChains.of(request)));
            }
            case FULLCMC -> fullCmc.enroll(context, profile, readBody(request, body, EstMediaTypes.PKCS7),
                    csr -> authenticateEnrollment(est, profile, request, csr));
            case CACERTS, CSRATTRS -> throw new IllegalStateException(est.operation() + " is not a POST operation");
        };
    }

    /**
     * How /simpleenroll, /serverkeygen and /fullcmc authenticate (a Full PKI Request signed with the CSR's own key
     * proves no identity). The CSR comes first because it may carry the caller's one-time code.
     */
    private void authenticateEnrollment(EstPath est, Profile profile, HttpServerRequest request,
            PKCS10CertificationRequest csr) {
        context.authenticated(authenticator.forEnrollment(est.label(), profile,
                presented(request, ChallengeAttributes.otpChallenge(csr)), csr));
    }

    /** What EST carries credentials in: the TLS client chain, the Authorization header, a code in the CSR. */
    private Presented presented(HttpServerRequest request, Optional<String> oneTimeCode) {
        List<Credentials> credentials = new ArrayList<>(3);
        List<X509Certificate> chain = ClientChains.of(request);
        if (!chain.isEmpty()) {
            credentials.add(new Credentials.ClientChain(chain));
        }
        Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION))
                .ifPresent(header -> credentials.add(new Credentials.Authorization(header)));
        oneTimeCode.ifPresent(code -> credentials.add(new Credentials.OneTimeCode(code)));
        return new Presented(context.clientAddress(), credentials);
    }

    /** Mappers declared in the resource apply to its requests only, before the global ones of {@code http}. */
    @ServerExceptionMapper
    public Response rejected(RequestRejected e) {
        return errors.rejected(e);
    }

    @ServerExceptionMapper
    public Response deferred(RequestDeferred e) {
        return errors.deferred(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return errors.unexpected(e);
    }

    private EstPath begin(String path, String method, HttpServerRequest request) {
        context.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        context.over(request.sslSession());
        EstPath est = EstPath.parse(path, method);
        context.at(est.operation().pathSegment(), est.label());
        return est;
    }

    private PKCS10CertificationRequest readCsr(HttpServerRequest request, Body body) {
        return CsrBodyDecoder.decode(readBody(request, body, EstMediaTypes.PKCS10));
    }

    /** A body's refusals come after its media type's. */
    private byte[] readBody(HttpServerRequest request, Body body, String mediaType) {
        ContentTypes.require(Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_TYPE)), mediaType);
        return RequestBody.of(body.routing(), body.stream(), maxBodySize);
    }

    /** Read already by {@link RequestBodyReader}, or still in its stream (HTTP/2). */
    private record Body(RoutingContext routing, InputStream stream) {
    }
}
