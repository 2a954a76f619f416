package dev.estserver.service.console;

import java.time.Clock;
import java.util.List;
import java.util.Map;

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

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.admin.AdminOperation;
import dev.estserver.service.admin.ApprovalsResource;
import dev.estserver.service.admin.BootstrapCredentialView;
import dev.estserver.service.admin.BootstrapCredentialsResource;
import dev.estserver.service.admin.CertificateView;
import dev.estserver.service.admin.CertificatesResource;
import dev.estserver.service.admin.DeviceDetail;
import dev.estserver.service.admin.DevicesResource;
import dev.estserver.service.admin.EventView;
import dev.estserver.service.admin.EventsResource;
import dev.estserver.service.admin.OneTimeCodesResource;
import dev.estserver.service.admin.RevocationRequest;
import dev.estserver.service.admin.StatsResource;
import dev.estserver.service.auth.ClientChains;
import dev.estserver.service.auth.ConsoleAuthenticationMechanism;
import dev.estserver.service.auth.ConsoleSessions;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.AuditLog;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.Device;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * The console's pages and forms. A page reads through the admin API's resource methods and a form changes through
 * them, so that the console can do nothing the API would refuse, and what it does is audited as the API's calls
 * are: each method names the API operation it performs ({@link AdminOperation}) and admits the same roles. Every
 * form that changes something carries the session's CSRF token and redirects (303) to the page to show next. One
 * class routes them all, as its refusals answer as pages for the console's requests only (the admin API keeps its
 * own), and Quarkus REST applies such answers per resource class.
 */
@Path(ConsoleAuthenticationMechanism.ROOT)
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final Map<String, String> APPROVAL_DONE = Map.of("approved", "Request approved: the device "
            + "gets its certificate at its next poll.", "rejected", "Request rejected: the device is told the reason "
            + "at its next poll.");
    private static final Map<String, String> CREDENTIAL_DONE = Map.of("revoked", "Revoked: it can no longer "
            + "enroll. Certificates it enrolled stay valid.");
    private static final Map<String, String> CERTIFICATE_DONE = Map.of("revoked", "Certificate revoked: CRLs and "
            + "OCSP answer revoked from now on.");
    private static final int TIMELINE = 20;
    private static final Map<String, String> DEVICE_DONE = Map.of("suspended", "Device suspended.",
            "resumed", "Device resumed.", "reset", "Device reset: its certificates are revoked, and its next "
                    + "enrollment is a first enrollment again.", "deleted", "Device deleted and its certificates "
                    + "revoked.");

    private final ConsoleExchange exchange;
    private final ConsoleSessions sessions;
    private final Refusals refusals;
    private final AuditLog audit;
    private final StatsResource stats;
    private final DevicesResource devices;
    private final CertificatesResource certificates;
    private final ApprovalsResource approvals;
    private final BootstrapCredentialsResource bootstrapCredentials;
    private final OneTimeCodesResource oneTimeCodes;
    private final EventsResource events;
    private final CertificateAuthorities authorities;
    private final Clock clock;

    ConsoleResource(ConsoleExchange exchange, ConsoleSessions sessions, Refusals refusals, AuditLog audit,
            StatsResource stats, DevicesResource devices, CertificatesResource certificates,
            ApprovalsResource approvals, BootstrapCredentialsResource bootstrapCredentials,
            OneTimeCodesResource oneTimeCodes, EventsResource events, CertificateAuthorities authorities,
            Clock clock) {
        this.exchange = exchange;
        this.sessions = sessions;
        this.refusals = refusals;
        this.audit = audit;
        this.stats = stats;
        this.devices = devices;
        this.certificates = certificates;
        this.approvals = approvals;
        this.bootstrapCredentials = bootstrapCredentials;
        this.oneTimeCodes = oneTimeCodes;
        this.events = events;
        this.authorities = authorities;
        this.clock = clock;
    }

    @GET
    @Path("sign-in")
    @PermitAll
    public Response signInPage(@QueryParam("signed-out") String signedOut) {
        return exchange.signInPage(200, null, signedOut == null ? null : "Signed out.").build();
    }

    /** With an admin or auditor token; a wrong one is refused and throttled as the admin API refuses it. */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-in")
    @PermitAll
    public Response signIn(@FormParam("token") String token, @FormParam("csrf") String csrf) {
        exchange.requireSignInCsrf(csrf);
        try {
            return opened(sessions.signInWithToken(token, exchange.context().clientAddress()));
        } catch (RequestRejected e) {
            return refusedSignIn(e);
        }
    }

    /** With the TLS client certificate of this connection, from an admin CA. */
    @POST
    @Path("sign-in/certificate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-in")
    @PermitAll
    public Response signInWithCertificate(@FormParam("csrf") String csrf) {
        exchange.requireSignInCsrf(csrf);
        try {
            return opened(sessions.signInWithCertificate(ClientChains.of(exchange.request()),
                    exchange.context().clientAddress()));
        } catch (RequestRejected e) {
            return refusedSignIn(e);
        }
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("console.sign-out")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Response signOut(@FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        sessions.signOut(exchange.identity());
        audit.appendAlone(exchange.context().event(EnrollmentEvent.Outcome.SIGNED_OUT, 303, null,
                "console session ended"));
        return Response.fromResponse(ConsoleExchange.seeOther("sign-in?signed-out"))
                .header(HttpHeaders.SET_COOKIE, ConsoleExchange.expired(ConsoleSessions.COOKIE)).build();
    }

    @GET
    @AdminOperation("console.overview")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance overview() {
        return ConsoleTemplates.overview(exchange.user(), Overview.of(stats.stats(), authorities, clock.instant()));
    }

    @GET
    @Path("devices")
    @AdminOperation("console.devices")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance devices(@QueryParam("q") String prefix, @QueryParam("label") String label,
            @QueryParam("status") String status, @QueryParam("expiring") String expiring,
            @QueryParam("cursor") String cursor) {
        Search search = Search.of(prefix, label, status, expiring, Device.Status.values());
        return ConsoleTemplates.devices(exchange.user(), search, devices.list(search.label(), search.status(),
                search.expiringBefore(clock.instant()), search.prefix(), cursor, null));
    }

    @GET
    @Path("devices/{id}")
    @AdminOperation("console.device")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance device(@PathParam("id") long id, @QueryParam("done") String done) {
        DeviceDetail detail = devices.get(id);
        List<EventView> timeline = events.query(detail.device().identity(), null, null, null, null, null,
                String.valueOf(TIMELINE)).items();
        return ConsoleTemplates.device(exchange.user(), detail, timeline, List.of(RevocationReason.values()),
                notice(DEVICE_DONE, done));
    }

    @POST
    @Path("devices/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.suspend")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response suspend(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        devices.suspend(id);
        return deviceDone(id, "suspended");
    }

    @POST
    @Path("devices/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.resume")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response resume(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        devices.resume(id);
        return deviceDone(id, "resumed");
    }

    @POST
    @Path("devices/{id}/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.reset")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response reset(@PathParam("id") long id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        devices.reset(id, new RevocationRequest(reason));
        return deviceDone(id, "reset");
    }

    @POST
    @Path("devices/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.devices.delete")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response delete(@PathParam("id") long id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        devices.delete(id, reason);
        return deviceDone(id, "deleted");
    }

    @GET
    @Path("certificates")
    @AdminOperation("console.certificates")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance certificates(@QueryParam("q") String prefix, @QueryParam("label") String label,
            @QueryParam("status") String status, @QueryParam("expiring") String expiring,
            @QueryParam("cursor") String cursor) {
        Search search = Search.of(prefix, label, status, expiring, CertificateRecord.Status.values());
        return ConsoleTemplates.certificates(exchange.user(), search, certificates.list(search.label(),
                search.status(), search.expiringBefore(clock.instant()), search.prefix(), null, cursor, null));
    }

    @GET
    @Path("certificates/{serial}")
    @AdminOperation("console.certificate")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance certificate(@PathParam("serial") String serial, @QueryParam("done") String done) {
        CertificateView certificate = (CertificateView) certificates.get(serial, MediaType.APPLICATION_JSON)
                .getEntity();
        return ConsoleTemplates.certificate(exchange.user(), certificate, List.of(RevocationReason.values()),
                notice(CERTIFICATE_DONE, done));
    }

    /** The PEM, as a file to save. */
    @GET
    @Path("certificates/{serial}/pem")
    @Produces(CertificatesResource.PEM)
    @AdminOperation("admin.certificates.pem")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public Response certificatePem(@PathParam("serial") String serial) {
        return Response.fromResponse(certificates.pem(serial)).header("Content-Disposition",
                "attachment; filename=\"" + serial.replaceAll("[^0-9A-Fa-f]", "") + ".pem\"").build();
    }

    @POST
    @Path("certificates/{serial}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.certificates.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response revoke(@PathParam("serial") String serial, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        CertificateView revoked = certificates.revoke(serial, new RevocationRequest(reason));
        return ConsoleExchange.seeOther("certificates/" + revoked.serial() + "?done=revoked");
    }

    @GET
    @Path("approvals")
    @AdminOperation("console.approvals")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance approvals(@QueryParam("done") String done) {
        return ConsoleTemplates.approvals(exchange.user(), approvals.awaitingDecision(),
                notice(APPROVAL_DONE, done));
    }

    @POST
    @Path("approvals/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.approve")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response approve(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        approvals.approve(id);
        return ConsoleExchange.seeOther("approvals?done=approved");
    }

    @POST
    @Path("approvals/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.reject")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response reject(@PathParam("id") long id, @FormParam("reason") String reason,
            @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        approvals.reject(id, new ApprovalsResource.Rejection(reason));
        return ConsoleExchange.seeOther("approvals?done=rejected");
    }

    @GET
    @Path("credentials")
    @AdminOperation("console.credentials")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance credentials(@QueryParam("cursor") String cursor,
            @QueryParam("codes-cursor") String codesCursor, @QueryParam("done") String done) {
        return ConsoleTemplates.credentials(exchange.user(), bootstrapCredentials.list(cursor, null),
                oneTimeCodes.list(codesCursor, null), notice(CREDENTIAL_DONE, done));
    }

    /** The password is in this page only; the database keeps its hash. */
    @POST
    @Path("credentials/bootstrap")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.bootstrap-credentials.issue")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public TemplateInstance issueCredential(@FormParam("username") String username, @FormParam("label") String label,
            @FormParam("deviceIdentity") String deviceIdentity, @FormParam("oneTime") String oneTime,
            @FormParam("validity") String validity, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        var request = new BootstrapCredentialsResource.CredentialRequest(Search.blankToNull(username),
                Search.blankToNull(label), Search.blankToNull(deviceIdentity), oneTime != null,
                Search.blankToNull(validity), null);
        BootstrapCredentialView issued = (BootstrapCredentialView) bootstrapCredentials.issue(request).getEntity();
        return ConsoleTemplates.issued(exchange.user(), "Bootstrap credential", issued.username(),
                issued.password(), issued.expiresAt());
    }

    @POST
    @Path("credentials/bootstrap/{username}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.bootstrap-credentials.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response revokeCredential(@PathParam("username") String username, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        bootstrapCredentials.revoke(username);
        return ConsoleExchange.seeOther("credentials?done=revoked");
    }

    /** The code is in this page only; the database keeps its hash. */
    @POST
    @Path("credentials/codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.one-time-codes.issue")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public TemplateInstance issueCode(@FormParam("label") String label,
            @FormParam("deviceIdentity") String deviceIdentity, @FormParam("validity") String validity,
            @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        OneTimeCodesResource.IssuedCode issued = (OneTimeCodesResource.IssuedCode) oneTimeCodes.issue(
                new OneTimeCodesResource.CodeRequest(Search.blankToNull(label), Search.blankToNull(deviceIdentity),
                        Search.blankToNull(validity))).getEntity();
        return ConsoleTemplates.issued(exchange.user(), "One-time code", String.valueOf(issued.id()), issued.code(),
                issued.expiresAt());
    }

    @POST
    @Path("credentials/codes/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @AdminOperation("admin.one-time-codes.revoke")
    @RolesAllowed(AdminRole.Names.ADMIN)
    public Response revokeCode(@PathParam("id") long id, @FormParam("csrf") String csrf) {
        exchange.requireCsrf(csrf);
        oneTimeCodes.revoke(id);
        return ConsoleExchange.seeOther("credentials?done=revoked");
    }

    @GET
    @Path("audit")
    @AdminOperation("console.audit")
    @RolesAllowed({AdminRole.Names.ADMIN, AdminRole.Names.AUDITOR})
    public TemplateInstance audit(@QueryParam("device") String device, @QueryParam("operation") String operation,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        AuditSearch search = AuditSearch.of(device, operation, outcome, from, to);
        return ConsoleTemplates.audit(exchange.user(), search, events.query(search.device(), search.operation(),
                search.outcome(), search.from(), search.to(), cursor, null));
    }

    @ServerExceptionMapper
    public Response anonymous(UnauthorizedException e) {
        return exchange.anonymous();
    }

    @ServerExceptionMapper
    public Uni<Response> sessionEnded(AuthenticationFailedException e, ResourceInfo resource) {
        return exchange.sessionEnded(e.getCause(), e.getMessage(), resource);
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, ResourceInfo resource) {
        return exchange.forbidden(resource);
    }

    @ServerExceptionMapper
    public Uni<Response> rejected(RequestRejected e) {
        return exchange.rejected(e);
    }

    private Response opened(ConsoleSessions.Opened opened) {
        exchange.context().authenticated(opened.caller());
        audit.appendAlone(exchange.context().event(EnrollmentEvent.Outcome.SIGNED_IN, 303, null,
                "console session opened"));
        return Response.fromResponse(ConsoleExchange.seeOther(""))
                .header(HttpHeaders.SET_COOKIE, ConsoleExchange.sessionCookie(opened))
                .header(HttpHeaders.SET_COOKIE, ConsoleExchange.expired(ConsoleExchange.SIGN_IN_COOKIE)).build();
    }

    /** The sign-in page again, saying why; a refusal like any other, logged and audited once. */
    private Response refusedSignIn(RequestRejected e) {
        int status = ProblemStatus.of(e.problem());
        Response.ResponseBuilder page = exchange.signInPage(status, e.getMessage(), null);
        e.retryAfter().ifPresent(wait -> page.header(HttpHeaders.RETRY_AFTER, Refusals.retryAfterSeconds(wait)));
        return refusals.reject(status, e.getMessage(), page);
    }

    /** What a page says after a form: only the fixed texts of {@code notices}, never the query's own text. */
    private static String notice(Map<String, String> notices, String done) {
        return done == null ? null : notices.get(done);
    }

    private static Response deviceDone(long id, String done) {
        return ConsoleExchange.seeOther("devices/" + id + "?done=" + done);
    }
}
