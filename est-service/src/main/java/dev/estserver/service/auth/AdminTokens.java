package dev.estserver.service.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.context.Caller;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AdminRole;
import dev.estserver.service.store.Credential;

/**
 * Bearer tokens of the admin API, each of one {@link AdminRole}: stored at startup, and the identity provider of
 * {@link AdminAuthenticationMechanism} for a call that sends one. Tokens are long random strings, so a SHA-256 hash
 * is enough to store them and lets a token be found by its hash; a slow password hash would only cost time on every
 * admin call.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class AdminTokens implements IdentityProvider<AdminTokenRequest> {

    /** The file demo mode writes its admin token to, inside the demo directory. */
    public static final String DEMO_TOKEN_FILE = "admin-token";

    private static final Logger LOG = Logger.getLogger(AdminTokens.class);
    private static final int MINIMUM_LENGTH = 32;

    private final EstConfig config;
    private final LoginThrottle throttle;

    /** Checks the configured tokens with the rest of the configuration, before anything touches the database. */
    AdminTokens(EstConfig config, LoginThrottle throttle) {
        this.config = config;
        this.throttle = throttle;
        config.admin().tokens().forEach((name, token) -> requireLength("est.admin.tokens." + name, token));
        config.admin().auditorTokens().forEach((name, token) -> {
            requireLength("est.admin.auditor-tokens." + name, token);
            if (config.admin().tokens().containsKey(name)) {
                throw new IllegalStateException("est.admin.auditor-tokens." + name + " and est.admin.tokens." + name
                        + " name the same token; give each token one role under one name");
            }
        });
    }

    private static void requireLength(String property, String token) {
        if (token.length() < MINIMUM_LENGTH) {
            throw new IllegalStateException(property + " must be at least " + MINIMUM_LENGTH
                    + " characters of random, got " + token.length());
        }
    }

    @Transactional
    void onStart(@Observes @Priority(StartupOrder.DATA) StartupEvent event) {
        Map<String, String> tokens = new HashMap<>(config.admin().tokens());
        if (config.demo().enabled()) {
            tokens.put("demo", demoToken(config.demo().dir().resolve(DEMO_TOKEN_FILE)));
        }
        tokens.forEach((name, token) -> store(name, token, AdminRole.ADMIN));
        config.admin().auditorTokens().forEach((name, token) -> store(name, token, AdminRole.AUDITOR));
    }

    @Override
    public Class<AdminTokenRequest> getRequestType() {
        return AdminTokenRequest.class;
    }

    /**
     * The caller of an {@code Authorization: Bearer <token>} header, with its token's role. Another scheme, or an
     * unknown, revoked or expired token, is 401; the token failures count towards the client address's
     * {@link LoginThrottle} limit, and no token is checked while the address is locked out (429).
     */
    @Override
    public Uni<SecurityIdentity> authenticate(AdminTokenRequest request, AuthenticationRequestContext context) {
        return AdminIdentity.verify(context, () -> identify(request.authorization().trim(), request.clientAddress()));
    }

    private SecurityIdentity identify(String header, String clientAddress) {
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new RequestRejected(Problem.UNAUTHENTICATED,
                    "admin API requires a Bearer token; the Authorization header uses another scheme");
        }
        return caller(verify(header.substring(7).trim(), clientAddress)).identity();
    }

    /**
     * The stored admin token whose secret is {@code token}: unknown, revoked or expired is 401. Failures count
     * towards the client address's {@link LoginThrottle} limit, and no token is checked while it is locked out (429).
     */
    Credential verify(String token, String clientAddress) {
        String hash = Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
        return throttle.attempt(clientAddress, null, () -> find(hash));
    }

    /** Who calls with this token, in the token's role. */
    static AdminCaller caller(Credential token) {
        return new AdminCaller(Caller.adminToken(token.username), token.role, "admin token '" + token.username + "'");
    }

    private static Credential find(String hash) {
        Credential token = QuarkusTransaction.requiringNew().call(() -> Credential.findAdminToken(hash))
                .orElseThrow(() -> new RequestRejected(Problem.UNAUTHENTICATED, "admin token not recognised"));
        return usable(token);
    }

    /** The token, unless it was revoked or has expired (401). */
    static Credential usable(Credential token) {
        if (token.revokedAt != null) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "admin token '" + token.username
                    + "' was revoked at " + token.revokedAt);
        }
        if (token.expiresAt != null && Instant.now().isAfter(token.expiresAt)) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "admin token '" + token.username
                    + "' expired at " + token.expiresAt);
        }
        return token;
    }

    private static String demoToken(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Crypto.randomToken(32) + "\n",
                        StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                LOG.infof("generated the demo admin token in %s", file.toAbsolutePath());
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the demo admin token " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** An upsert, so that replicas starting together do not trip over each other. */
    private static void store(String name, String token, AdminRole role) {
        Credential.getEntityManager().createNativeQuery("""
                insert into credential (kind, username, secret_hash, role) values ('ADMIN_TOKEN', ?1, ?2, ?3)
                on conflict (kind, username) do update set secret_hash = excluded.secret_hash, role = excluded.role,
                    revoked_at = null""")
                .setParameter(1, name).setParameter(2, Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8)))
                .setParameter(3, role.name()).executeUpdate();
        LOG.infof("stored admin token '%s' of role %s (hashed)", name, role.configName());
    }
}
