package dev.estserver.service.console;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.admin.AdminErrorMapper;
import dev.estserver.service.admin.AdminExchange;
import dev.estserver.service.admin.AdminOperation;
import dev.estserver.service.admin.DeviceDetail;
import dev.estserver.service.admin.DeviceView;
import dev.estserver.service.admin.DevicesResource;
import dev.estserver.service.admin.EventView;
import dev.estserver.service.admin.EventsResource;
import dev.estserver.service.admin.Page;
import dev.estserver.service.admin.RevocationRequest;
import dev.estserver.service.admin.StatsResource;
import dev.estserver.service.auth.ClientChains;
import dev.estserver.service.auth.ConsoleAuthenticationMechanism;
import dev.estserver.service.auth.ConsoleSessions;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * The console's pages and forms. A page reads through the admin API's resource methods and a form changes through
 * them, so that the console can do nothing the API would refuse, and what it does is audited as the API's calls
 * are: each method names the API operation it performs ({@link AdminOperation}) and admits the same roles. Every
 * form that changes something carries the session's CSRF token; every form redirects (303) to the page to show next.
 */
@Path(ConsoleAuthenticationMechanism.ROOT)
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final String SIGN_IN_COOKIE = "__Host-est-console-sign-in";
    private static final String COOKIE_ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";
    private static final int TIMELINE = 20;
    private static final Map<String, String> DONE = Map.of("suspended", "Device suspended.",
            "resumed", "Device resumed.", "reset", "Device reset: its certificates are revoked, and its next "
                    + "enrollment is a first enrollment again.", "deleted", "Device deleted and its certificates "
                    + "revoked.");

    @CheckedTemplate(basePath = "console")
    static class Templates {

        static native TemplateInstance signIn(String csrf, boolean certificatePresented, String problem,
                String notice);

        static native TemplateInstance overview(ConsoleUser user, Overview overview);

        static native TemplateInstance devices(ConsoleUser user, DeviceSearch search, Page<DeviceView> page);

        static native TemplateInstance device(ConsoleUser user, DeviceDetail detail, List<EventView> timeline,
                List<RevocationReason> reasons, String done);

        static native TemplateInstance problem(ConsoleUser user, int status, String reason, String requestId);
    }

    private final ConsoleSessions sessions;
    private final AdminExchange calls;
    private final SecurityIdentity identity;
    private final EnrollmentContext context;
    private final HttpServerRequest request;
    private final Refusals refusals;
    private final AuditLog audit;
    private final StatsResource stats;
    private final DevicesResource devices;
    private final EventsResource events;
    private final CertificateAuthorities authorities;
    private final Clock clock;

    ConsoleResource(ConsoleSessions sessions, AdminExchange calls, SecurityIdentity identity, EnrollmentContext context,
            HttpServerRequest request, Refusals refusals, AuditLog audit, StatsResource stats,
            DevicesResource devices, EventsResource events, CertificateAuthorities authorities, Clock clock) {
        this.sessions = sessions;
        this.calls = calls;
        this.identity = identity;
        this.context = context;
        this.request = request;
        this.refusals = refusals;
        this.audit = audit;
        this.stats = stats;
        this.devices = devices;
        this.events = events;
        this.authorities = authorities;
        this.clock = clock;
    }

    @GET
    @Path("sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response signInPage(@QueryParam("signed-out") String signedOut) {
        String csrf = random();
        return Response.ok(Templates.signIn(csrf, !ClientChains.of(request).isEmpty(), null,
                signedOut == null ? null : "Signed out.").render())
                .header(HttpHeaders.SET_COOKIE, SIGN_IN_COOKIE + "=" + csrf + COOKIE_ATTRIBUTES).build();
    }

    /** With an admin or auditor token; a wrong one is refused and throttled as the admin API refuses it. */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response signIn(@FormParam("token") String token, @FormParam("csrf") String csrf) {
        return signIn(csrf, () -> sessions.signInWithToken(token, context.clientAddress()));
    }

    /** With the TLS client certificate of this connection, from an admin CA. */
    @POST
    @Path("sign-in/certificate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-in")
    @PermitAll
    @Operation(hidden = true)
    public Response signInWithCertificate(@FormParam("csrf") String csrf) {
        return signIn(csrf, () -> sessions.signInWithCertificate(ClientChains.of(request), context.clientAddress()));
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-out")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    @Operation(hidden = true)
    public Response signOut(@FormParam("csrf") String csrf) {
        requireCsrf(csrf);
        sessions.signOut(identity);
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.SIGNED_OUT, 303, null, "console session ended"));
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.SIGN_IN + "?signed-out"))
                .header(HttpHeaders.SET_COOKIE, expired(ConsoleSessions.COOKIE)).build();
    }

    @GET
    @AdminOperation("console.overview")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance overview() {
        return Templates.overview(user(), Overview.of(stats.stats(), authorities, clock.instant()));
    }

    @GET
    @Path("devices")
    @AdminOperation("console.devices")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance devices(@QueryParam("q") String prefix, @QueryParam("label") String label,
            @QueryParam("status") String status, @QueryParam("expiring") String expiring,
            @QueryParam("cursor") String cursor) {
        DeviceSearch search = DeviceSearch.of(prefix, label, status, expiring);
        return Templates.devices(user(), search, devices.list(search.label(), search.status(),
                search.expiringBefore(clock.instant()), search.prefix(), cursor, null));
    }

    @GET
    @Path("devices/{id}")
    @AdminOperation("console.device")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance device(@PathParam("id") long id, @QueryParam("done") String done) {
        DeviceDetail detail = devices.get(id);
        List<EventView> timeline = events.query(detail.device().identity(), null, null, null, null, null,
                String.valueOf(TIMELINE)).items();
        return Templates.device(user(), detail, timeline, List.of(RevocationReason.values()),
                done == null ? null : DONE.get(done));
    }

    @POST
    @Path("devices/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.suspend")
    @RolesAllowed(AdminRole.Names.ADMIN)
    @Operation(hidden = true)
    public Response suspend(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        requireCsrf(csrf);
        devices.suspend(id);
        return deviceDone(id, "suspended");
    }

    @POST
    @Path("devices/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.resume")
    @RolesAllowed(AdminRole.Names.ADMIN)
    @Operation(hidden = true)
    public Response resume(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        requireCsrf(csrf);
        devices.resume(id);
        return deviceDone(id, "resumed");
    }

    @POST
    @Path("devices/{id}/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.reset")
    @RolesAllowed(AdminRole.Names.ADMIN)
    @Operation(hidden = true)
    public Response reset(@PathParam("id") long id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        requireCsrf(csrf);
        devices.reset(id, new RevocationRequest(reason));
        return deviceDone(id, "reset");
    }

    @POST
    @Path("devices/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.delete")
    @RolesAllowed(AdminRole.Names.ADMIN)
    @Operation(hidden = true)
    public Response delete(@PathParam("id") long id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        requireCsrf(csrf);
        devices.delete(id, reason);
        return deviceDone(id, "deleted");
    }

    /** No session, or a page asked for before signing in: to the sign-in page, which is no refusal. */
    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e) {
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.SIGN_IN)).build();
    }

    /** The session cookie is no longer good (signed out, expired, idle, its token revoked): sign in again. */
    @ServerExceptionMapper
    public Uni<Response> sessionEnded(AuthenticationFailedException e, ResourceInfo resource) {
        calls.name(resource);
        String reason = e.getCause() instanceof RequestRejected cause ? cause.getMessage() : e.getMessage();
        String csrf = random();
        return refusals.rejectFromEventLoop(401, reason, Response.status(401)
                .entity(Templates.signIn(csrf, !ClientChains.of(request).isEmpty(), reason, null).render())
                .type(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.SET_COOKIE, expired(ConsoleSessions.COOKIE))
                .header(HttpHeaders.SET_COOKIE, SIGN_IN_COOKIE + "=" + csrf + COOKIE_ATTRIBUTES));
    }

    /** An auditor's forged change, say: refused as the admin API refuses it, in the same words. */
    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, ResourceInfo resource) {
        calls.name(resource);
        return problem(403, AdminErrorMapper.roleRefusal(identity, resource));
    }

    @ServerExceptionMapper
    public Uni<Response> rejected(RequestRejected e) {
        return problem(ProblemStatus.of(e.problem()), e.getMessage());
    }

    private Uni<Response> problem(int status, String reason) {
        ConsoleUser user = identity.isAnonymous() ? null : ConsoleUser.of(identity);
        return refusals.rejectFromEventLoop(status, reason, Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(user, status, reason, context.requestId()).render()));
    }

    private Response signIn(String csrf, Supplier<ConsoleSessions.Opened> signIn) {
        Cookie expected = request.getCookie(SIGN_IN_COOKIE);
        if (expected == null || csrf == null || !expected.getValue().equals(csrf)) {
            throw new RequestRejected(Problem.FORBIDDEN, "the sign-in form's CSRF token is missing or does not match "
                    + "its cookie; open the sign-in page again and submit it from there");
        }
        ConsoleSessions.Opened opened;
        try {
            opened = signIn.get();
        } catch (RequestRejected e) {
            int status = ProblemStatus.of(e.problem());
            Response.ResponseBuilder page = Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.signIn(csrf, !ClientChains.of(request).isEmpty(), e.getMessage(), null)
                            .render());
            e.retryAfter().ifPresent(wait -> page.header(HttpHeaders.RETRY_AFTER, Refusals.retryAfterSeconds(wait)));
            return refusals.reject(status, e.getMessage(), page);
        }
        context.authenticated(opened.caller());
        audit.appendAlone(context.event(EnrollmentEvent.Outcome.SIGNED_IN, 303, null, "console session opened"));
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.CONSOLE))
                .header(HttpHeaders.SET_COOKIE, ConsoleSessions.COOKIE + "=" + opened.secret() + COOKIE_ATTRIBUTES
                        + "; Max-Age=" + opened.lifetime().toSeconds())
                .header(HttpHeaders.SET_COOKIE, expired(SIGN_IN_COOKIE)).build();
    }

    private void requireCsrf(String sent) {
        if (!ConsoleSessions.csrfMatches(identity, sent)) {
            throw new RequestRejected(Problem.FORBIDDEN, "the form's CSRF token is " + (sent == null ? "missing"
                    : "not this session's") + "; reload the page and submit the form again");
        }
    }

    private ConsoleUser user() {
        return ConsoleUser.of(identity);
    }

    private static Response deviceDone(long id, String done) {
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.CONSOLE + "devices/" + id + "?done=" + done))
                .build();
    }

    private static String expired(String cookie) {
        return cookie + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0";
    }

    private static String random() {
        byte[] bytes = new byte[24];
        Crypto.RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
