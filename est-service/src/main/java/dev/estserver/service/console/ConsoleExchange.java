package dev.estserver.service.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.admin.AdminErrorMapper;
import dev.estserver.service.admin.AdminExchange;
import dev.estserver.service.auth.ClientChains;
import dev.estserver.service.auth.ConsoleAuthenticationMechanism;
import dev.estserver.service.auth.ConsoleSessions;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.http.Refusals;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * What every console page does with its request: who is signed in, the CSRF check of a form, the redirect after
 * it, the session's cookies, and the refusal page, logged and audited once as every refusal is.
 */
@ApplicationScoped
class ConsoleExchange {

    /** The sign-in form's own CSRF token (double submit): there is no session yet to hold one. */
    static final String SIGN_IN_COOKIE = "__Host-est-console-sign-in";
    private static final String COOKIE_ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Strict";

    private final SecurityIdentity identity;
    private final EnrollmentContext context;
    private final HttpServerRequest request;
    private final Refusals refusals;
    private final AdminExchange calls;

    ConsoleExchange(SecurityIdentity identity, EnrollmentContext context, HttpServerRequest request,
            Refusals refusals, AdminExchange calls) {
        this.identity = identity;
        this.context = context;
        this.request = request;
        this.refusals = refusals;
        this.calls = calls;
    }

    ConsoleUser user() {
        return ConsoleUser.of(identity);
    }

    SecurityIdentity identity() {
        return identity;
    }

    EnrollmentContext context() {
        return context;
    }

    HttpServerRequest request() {
        return request;
    }

    /** A form that changes something must send back its session's token. */
    void requireCsrf(String sent) {
        if (!ConsoleSessions.csrfMatches(identity, sent)) {
            throw new RequestRejected(Problem.FORBIDDEN, "the form's CSRF token is " + (sent == null ? "missing"
                    : "not this session's") + "; reload the page and submit the form again");
        }
    }

    /** The sign-in form's token must equal its cookie's, which only a page of this server could have set. */
    void requireSignInCsrf(String sent) {
        Cookie expected = request.getCookie(SIGN_IN_COOKIE);
        if (expected == null || sent == null || !expected.getValue().equals(sent)) {
            throw new RequestRejected(Problem.FORBIDDEN, "the sign-in form's CSRF token is missing or does not match "
                    + "its cookie; open the sign-in page again and submit it from there");
        }
    }

    /** After a form: where to look next (303, so that a reload does not post again). */
    static Response seeOther(String consolePath) {
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.CONSOLE + consolePath)).build();
    }

    /** The sign-in page, with a fresh form token in its cookie. */
    Response.ResponseBuilder signInPage(int status, String problem, String notice) {
        String csrf = Crypto.randomToken(24);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(ConsoleTemplates.signIn(csrf, !ClientChains.of(request).isEmpty(), problem, notice).render())
                .header(HttpHeaders.SET_COOKIE, SIGN_IN_COOKIE + "=" + csrf + COOKIE_ATTRIBUTES);
    }

    static String sessionCookie(ConsoleSessions.Opened opened) {
        return ConsoleSessions.COOKIE + "=" + opened.secret() + COOKIE_ATTRIBUTES + "; Max-Age="
                + opened.lifetime().toSeconds();
    }

    static String expired(String cookie) {
        return cookie + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0";
    }

    /** No session: to the sign-in page, which is no refusal. */
    Response anonymous() {
        return Response.seeOther(URI.create(ConsoleAuthenticationMechanism.SIGN_IN)).build();
    }

    /** The session cookie is no longer good (signed out, expired, idle, its token revoked): sign in again. */
    Uni<Response> sessionEnded(Throwable cause, String message, ResourceInfo resource) {
        calls.name(resource);
        String reason = cause instanceof RequestRejected rejected ? rejected.getMessage() : message;
        return refusals.rejectFromEventLoop(401, reason, signInPage(401, reason, null)
                .header(HttpHeaders.SET_COOKIE, expired(ConsoleSessions.COOKIE)));
    }

    /** A change the caller's role does not allow: refused as the admin API refuses it, in the same words. */
    Uni<Response> forbidden(ResourceInfo resource) {
        calls.name(resource);
        return problem(403, AdminErrorMapper.roleRefusal(identity, resource));
    }

    Uni<Response> rejected(RequestRejected e) {
        return problem(ProblemStatus.of(e.problem()), e.getMessage());
    }

    private Uni<Response> problem(int status, String reason) {
        ConsoleUser user = identity.isAnonymous() ? null : ConsoleUser.of(identity);
        return refusals.rejectFromEventLoop(status, reason, Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(ConsoleTemplates.problem(user, status, reason, context.requestId()).render()));
    }
}
