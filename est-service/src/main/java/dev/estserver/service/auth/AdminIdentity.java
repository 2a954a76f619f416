package dev.estserver.service.auth;

import java.util.function.Supplier;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.context.Caller;
import dev.estserver.service.problem.RequestRejected;

/**
 * The Quarkus security identity of an admin API caller: one role, which {@code @RolesAllowed} checks, the
 * {@link Caller} the audit records, and how a refusal names the caller.
 */
public final class AdminIdentity {

    private static final String CALLER = AdminIdentity.class.getName() + ".caller";
    private static final String DESCRIPTION = AdminIdentity.class.getName() + ".description";

    private AdminIdentity() {
    }

    /** The identity of {@code admin}, for a caller to add attributes of its own to. */
    static QuarkusSecurityIdentity.Builder of(AdminCaller admin) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(admin.caller().principal()))
                .addRole(admin.role().configName())
                .addAttribute(CALLER, admin.caller())
                .addAttribute(DESCRIPTION, admin.credential() + " has role " + admin.role().configName());
    }

    /**
     * Runs a verification that may block (a database read) off the event loop. Its refusal travels inside the
     * {@link AuthenticationFailedException} that Quarkus security expects, for the admin API's error mapper to
     * answer with the refusal's status and reason.
     */
    static Uni<SecurityIdentity> verify(AuthenticationRequestContext context, Supplier<SecurityIdentity> verification) {
        return context.runBlocking(() -> {
            try {
                return verification.get();
            } catch (RequestRejected e) {
                throw new AuthenticationFailedException(e.getMessage(), e);
            }
        });
    }

    /** The caller of an admitted admin call; null for an anonymous identity. */
    public static Caller caller(SecurityIdentity identity) {
        return identity.getAttribute(CALLER);
    }

    /** The caller and its role, as a refusal states them: {@code admin token 'audit' has role auditor}. */
    public static String description(SecurityIdentity identity) {
        return identity.getAttribute(DESCRIPTION);
    }
}
