package dev.estserver.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.context.Caller;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.ConsoleSession;
import dev.estserver.service.store.Credential;

/**
 * Sessions of the operations console, opened with what the admin API accepts: an admin token, or a TLS client
 * certificate from an admin CA. The browser keeps a random secret in an HttpOnly cookie; the database keeps its hash
 * (so any replica serves the session), the caller's role, and the token each form that changes something must send
 * back (CSRF). A session ends at sign-out, after {@code est.console.idle-timeout} without a request, after
 * {@code est.console.lifetime}, or as soon as its admin token is revoked or expires.
 */
@ApplicationScoped
public class ConsoleSessions implements IdentityProvider<ConsoleSessionRequest> {

    /** {@code __Host-}: browsers accept it only Secure, for the whole host, and from HTTPS. */
    public static final String COOKIE = "__Host-est-console";

    private static final String SESSION = ConsoleSessions.class.getName() + ".session";
    private static final String CSRF = ConsoleSessions.class.getName() + ".csrf";
    /** How stale the last-seen time may be, so that a page view does not always write. */
    private static final Duration SEEN_GRANULARITY = Duration.ofMinutes(1);
    private static final Duration KEPT_AFTER_END = Duration.ofDays(1);

    /**
     * A session just opened.
     *
     * @param secret the cookie's value, which only the browser keeps
     * @param caller who signed in, for the audit of the sign-in
     */
    public record Opened(String secret, Duration lifetime, Caller caller) {
    }

    private final AdminTokens tokens;
    private final AdminCertificates certificates;
    private final EstConfig config;
    private final Clock clock;

    ConsoleSessions(AdminTokens tokens, AdminCertificates certificates, EstConfig config, Clock clock) {
        this.tokens = tokens;
        this.certificates = certificates;
        this.config = config;
        this.clock = clock;
    }

    /** 401 for a token that is unknown, revoked or expired; throttled per address as the admin API is. */
    @Transactional
    public Opened signInWithToken(String token, String clientAddress) {
        if (token == null || token.isBlank()) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "no admin token was entered");
        }
        Credential credential = tokens.verify(token.strip(), clientAddress);
        AdminCaller admin = AdminTokens.caller(credential);
        ConsoleSession session = open(admin, clientAddress);
        session.method = ConsoleSession.Method.ADMIN_TOKEN;
        session.tokenId = credential.id;
        return persist(session, admin);
    }

    /** 401 without a client certificate from an admin CA, 403 for one naming no single role. */
    @Transactional
    public Opened signInWithCertificate(List<X509Certificate> chain, String clientAddress) {
        if (chain.isEmpty() || !certificates.configured()) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, chain.isEmpty()
                    ? "this connection presents no TLS client certificate; sign in with an admin token"
                    : "no admin CA is configured (est.admin.client-ca-files); sign in with an admin token");
        }
        AdminCaller admin = certificates.verify(chain);
        ConsoleSession session = open(admin, clientAddress);
        session.method = ConsoleSession.Method.CLIENT_CERTIFICATE;
        session.certificateSha256 = fingerprint(chain.getFirst());
        return persist(session, admin);
    }

    /** Ends the session of {@code identity}; its cookie is worthless from now on, on every replica. */
    @Transactional
    public void signOut(SecurityIdentity identity) {
        Long id = identity.getAttribute(SESSION);
        if (id != null) {
            ConsoleSession.<ConsoleSession>findByIdOptional(id).ifPresent(session -> session.endedAt = clock.instant());
        }
    }

    @Override
    public Class<ConsoleSessionRequest> getRequestType() {
        return ConsoleSessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionRequest request, AuthenticationRequestContext context) {
        return AdminIdentity.verify(context, () -> QuarkusTransaction.requiringNew().call(() -> resume(request)));
    }

    /** The token the forms of this session send back; null outside a console session. */
    public static String csrfToken(SecurityIdentity identity) {
        return identity.getAttribute(CSRF);
    }

    /** Whether {@code sent} is this session's form token, compared in constant time. */
    public static boolean csrfMatches(SecurityIdentity identity, String sent) {
        String expected = csrfToken(identity);
        return expected != null && sent != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.UTF_8));
    }

    private SecurityIdentity resume(ConsoleSessionRequest request) {
        Instant now = clock.instant();
        ConsoleSession session = ConsoleSession.findBySecretHash(hash(request.secret()))
                .orElseThrow(() -> signInAgain("this console session is not known here"));
        if (session.endedAt != null) {
            throw signInAgain("this console session was signed out at " + session.endedAt);
        }
        if (!now.isBefore(session.expiresAt)) {
            throw signInAgain("this console session ended at " + session.expiresAt + ", "
                    + config.console().lifetime().toMinutes() + " minutes after sign-in (est.console.lifetime)");
        }
        Instant idleUntil = session.lastSeenAt.plus(config.console().idleTimeout());
        if (!now.isBefore(idleUntil)) {
            throw signInAgain("this console session was idle since " + session.lastSeenAt + ", longer than "
                    + config.console().idleTimeout().toMinutes() + " minutes (est.console.idle-timeout)");
        }
        AdminCaller admin = switch (session.method) {
            case ADMIN_TOKEN -> AdminTokens.caller(AdminTokens.usable(Credential.findById(session.tokenId)));
            case CLIENT_CERTIFICATE -> certificateCaller(session, request.chain());
        };
        if (Duration.between(session.lastSeenAt, now).compareTo(SEEN_GRANULARITY) > 0) {
            session.lastSeenAt = now;
        }
        return AdminIdentity.of(admin).addAttribute(SESSION, session.id).addAttribute(CSRF, session.csrfToken)
                .build();
    }

    /** The certificate signed in with must come with every request of its session, and still be an admin's. */
    private AdminCaller certificateCaller(ConsoleSession session, List<X509Certificate> chain) {
        if (chain.isEmpty() || !fingerprint(chain.getFirst()).equals(session.certificateSha256)) {
            throw signInAgain("this console session was opened with the client certificate '" + session.principal
                    + "', which this connection does not present");
        }
        return certificates.verify(chain);
    }

    private ConsoleSession open(AdminCaller admin, String clientAddress) {
        Instant now = clock.instant();
        ConsoleSession.deleteEndedBefore(now.minus(KEPT_AFTER_END));
        ConsoleSession session = new ConsoleSession();
        session.role = admin.role();
        session.principal = admin.caller().principal();
        session.csrfToken = Crypto.randomToken(32);
        session.clientAddress = clientAddress;
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(config.console().lifetime());
        return session;
    }

    private Opened persist(ConsoleSession session, AdminCaller admin) {
        String secret = Crypto.randomToken(32);
        session.secretHash = hash(secret);
        session.persist();
        return new Opened(secret, config.console().lifetime(), admin.caller());
    }

    private static RequestRejected signInAgain(String why) {
        return new RequestRejected(Problem.UNAUTHENTICATED, why + "; sign in again");
    }

    private static String hash(String secret) {
        return Digests.sha256Hex(secret.getBytes(StandardCharsets.US_ASCII));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return Digests.sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new RequestRejected(Problem.MALFORMED, "the client certificate cannot be encoded: " + e.getMessage());
        }
    }
}
