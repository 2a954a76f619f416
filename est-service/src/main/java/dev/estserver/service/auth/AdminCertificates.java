package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.asn1.x500.X500Name;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import dev.estserver.service.context.Caller;
import dev.estserver.service.policy.SubjectAttributes;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.AdminRole;

/**
 * Admin API callers that authenticate with a TLS client certificate from an admin CA
 * ({@code est.admin.client-ca-files}) instead of a token; the certificate's subject OU names the role. The identity
 * provider of {@link AdminAuthenticationMechanism} for such a call.
 */
@ApplicationScoped
public class AdminCertificates implements IdentityProvider<AdminCertificateRequest> {

    private final ClientCertificateTrust trust;

    AdminCertificates(ClientCertificateTrust trust) {
        this.trust = trust;
    }

    /** Whether any admin CA is configured; without one, client certificates are not looked at for admin calls. */
    boolean configured() {
        return trust.hasAdminCas();
    }

    @Override
    public Class<AdminCertificateRequest> getRequestType() {
        return AdminCertificateRequest.class;
    }

    /** 401 for a certificate not from an admin CA, 403 for one that does not name exactly one role. */
    @Override
    public Uni<SecurityIdentity> authenticate(AdminCertificateRequest request, AuthenticationRequestContext context) {
        return AdminIdentity.verify(context, () -> verify(request.chain()).identity());
    }

    /** Who presents this chain: 401 for a certificate not from an admin CA, 403 for one naming no single role. */
    AdminCaller verify(List<X509Certificate> chain) {
        X509Certificate certificate = trust.validateForAdmin(chain);
        String subject = certificate.getSubjectX500Principal().getName();
        List<String> units = SubjectAttributes.of(X500Name.getInstance(certificate.getSubjectX500Principal()
                .getEncoded())).getOrDefault("OU", List.of());
        List<AdminRole> roles = units.stream().flatMap(unit -> Arrays.stream(AdminRole.values())
                .filter(role -> role.configName().equals(unit.strip().toLowerCase(Locale.ROOT)))).toList();
        if (roles.size() != 1) {
            throw new RequestRejected(Problem.FORBIDDEN, "admin client certificate '" + subject + "' must name "
                    + "exactly one role in its subject OU (admin or auditor), got " + units);
        }
        return new AdminCaller(Caller.clientCertificate(certificate), roles.getFirst(),
                "admin client certificate '" + subject + "'");
    }
}
