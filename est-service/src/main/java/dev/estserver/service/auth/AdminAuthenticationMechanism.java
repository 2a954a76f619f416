package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who calls the admin API: the holder of an admin token ({@link AdminTokens}), or else of a TLS client certificate
 * from an admin CA ({@link AdminCertificates}), with the role that {@code @RolesAllowed} on each admin resource
 * method checks. Only paths under {@value #ADMIN_API} are its business: EST, CRLs and OCSP authenticate their own
 * way, and get neither an identity nor a challenge from here.
 */
@ApplicationScoped
public class AdminAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The admin API's paths. */
    static final String ADMIN_API = "/api/v1/";

    /** The admin API's challenge on every 401. */
    public static final String CHALLENGE = "Bearer realm=\"est-admin\"";

    private final AdminCertificates certificates;

    AdminAuthenticationMechanism(AdminCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isAdminApi(context)) {
            return Uni.createFrom().nullItem();
        }
        HttpServerRequest request = context.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        List<X509Certificate> chain = ClientChains.of(request);
        // A token decides when one is sent; otherwise a client certificate from an admin CA.
        if (authorization == null && !chain.isEmpty() && certificates.configured()) {
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                    new AdminCertificateRequest(chain), context));
        }
        if (authorization == null) {
            // Anonymous: @RolesAllowed refuses it with 401, and the admin API's error mapper says what to send.
            return Uni.createFrom().nullItem();
        }
        String clientAddress = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new AdminTokenRequest(authorization, clientAddress), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return isAdminApi(context)
                ? Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AdminTokenRequest.class, AdminCertificateRequest.class);
    }

    /** The normalized path, which the routes match: {@code /crl/../api/v1/...} is the admin API here too. */
    private static boolean isAdminApi(RoutingContext context) {
        return context.normalizedPath().startsWith(ADMIN_API);
    }
}
