package dev.estserver.service.health;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.crypto.CryptoProviders;

/**
 * Which provider serves each cryptographic operation, read from what the JCA actually hands out, not from
 * configuration: in the {@code crypto} readiness check's data, and as the {@code est_crypto_provider} metric (one
 * series per operation, the provider as a label). Never down: the JDK's providers are slower, not broken.
 */
@Readiness
@ApplicationScoped
public class CryptoProviderReport implements HealthCheck {

    private final CryptoProviders providers;
    private final CertificateAuthorities authorities;

    CryptoProviderReport(CryptoProviders providers, CertificateAuthorities authorities) {
        this.providers = providers;
        this.authorities = authorities;
    }

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        byOperation().forEach((operation, provider) -> Gauge.builder("est.crypto.provider", () -> 1)
                .description("The provider serving each cryptographic operation (value always 1)")
                .tag("operation", operation).tag("provider", provider).register(registry));
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("crypto").up()
                .withData("providers", providers.name() + ": " + providers.description());
        providers.fallback().ifPresent(why -> response.withData("fallback", why));
        byOperation().forEach(response::withData);
        return response.build();
    }

    /**
     * Operation to provider name: CSR checks, each CA's signatures (certificates, CRLs, OCSP responses), and the
     * primitives of a TLS handshake and its records as the JDK's TLS stack looks them up.
     */
    public Map<String, String> byOperation() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("csr-verification", providers.csrVerification().getName());
        authorities.byName().forEach((name, ca) -> operations.put("ca-signature." + name, ca.signingProvider()));
        try {
            operations.put("tls-ecdhe-p256", KeyAgreement.getInstance("ECDH").getProvider().getName());
            operations.put("tls-ecdhe-x25519", KeyAgreement.getInstance("X25519").getProvider().getName());
            operations.put("tls-signature", Signature.getInstance("SHA256withECDSA").getProvider().getName());
            operations.put("tls-cipher", Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
        } catch (GeneralSecurityException e) {
            operations.put("tls", "cannot tell: " + e.getMessage());
        }
        return operations;
    }
}
