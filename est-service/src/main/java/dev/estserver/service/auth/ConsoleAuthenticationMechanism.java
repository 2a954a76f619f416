package dev.estserver.service.auth;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Who uses the operations console: the holder of a session cookie that {@link ConsoleSessions} opened. A page asked
 * for without one is sent to the sign-in page. Only paths under {@value #CONSOLE} are its business.
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The console's root, which shows its overview. */
    public static final String ROOT = "/console";

    /** The console's paths. */
    public static final String CONSOLE = ROOT + "/";

    /** Where an anonymous console request is sent. */
    public static final String SIGN_IN = CONSOLE + "sign-in";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = isConsole(context) ? context.request().getCookie(ConsoleSessions.COOKIE) : null;
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new ConsoleSessionRequest(cookie.getValue(), ClientChains.of(context.request())), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return isConsole(context) ? Uni.createFrom().item(new ChallengeData(303, "Location", SIGN_IN))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ConsoleSessionRequest.class);
    }

    private static boolean isConsole(RoutingContext context) {
        return isConsole(context.normalizedPath());
    }

    /** Whether a normalized path is the console's. */
    public static boolean isConsole(String path) {
        return path.startsWith(CONSOLE) || path.equals(ROOT);
    }
}
