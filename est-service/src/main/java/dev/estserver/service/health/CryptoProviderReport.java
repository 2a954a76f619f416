package dev.estserver.service.health;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.List;
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
import dev.estserver.service.tls.TlsEngine;

/**
 * Which provider serves each cryptographic operation, read from what the JCA actually hands out, not from
 * configuration: in the {@code crypto} readiness check's data, and as the {@code est_crypto_provider} metric (one
 * series per operation, the provider as a label). Never down: the JDK's providers are slower, not broken.
 */
@Readiness
@ApplicationScoped
public class CryptoProviderReport implements HealthCheck {

    private static final List<String> TLS_PRIMITIVES =
            List.of("tls-ecdhe-p256", "tls-ecdhe-x25519", "tls-signature", "tls-cipher");

    private final CryptoProviders providers;
    private final CertificateAuthorities authorities;
    private final TlsEngine tls;

    CryptoProviderReport(CryptoProviders providers, CertificateAuthorities authorities, TlsEngine tls) {
        this.providers = providers;
        this.authorities = authorities;
        this.tls = tls;
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
        response.withData("tls-engine", tls.name() + ": " + tls.description() + "; " + tls.reason());
        tls.fallbackCause().ifPresent(why -> response.withData("tls-engine-fallback", why));
        byOperation().forEach(response::withData);
        return response.build();
    }

    /**
     * Operation to provider name: CSR checks, each CA's signatures (certificates, CRLs, OCSP responses), the
     * primitives of a TLS handshake and its records (BoringSSL's own, or what the JDK's TLS stack looks up), and the
     * signature checks of client certificate chains, which the service's trust manager makes on either stack.
     */
    public Map<String, String> byOperation() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("csr-verification", providers.csrVerification().getName());
        authorities.byName().forEach((name, ca) -> operations.put("ca-signature." + name, ca.signingProvider()));
        try {
            if (tls.boringSsl()) {
                TLS_PRIMITIVES.forEach(operation -> operations.put(operation, "BoringSSL"));
            } else {
                operations.put("tls-ecdhe-p256", KeyAgreement.getInstance("ECDH").getProvider().getName());
                operations.put("tls-ecdhe-x25519", KeyAgreement.getInstance("X25519").getProvider().getName());
                operations.put("tls-signature", Signature.getInstance("SHA256withECDSA").getProvider().getName());
                operations.put("tls-cipher", Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
            }
            operations.put("tls-client-certificate-check",
                    Signature.getInstance("SHA256withECDSA").getProvider().getName());
        } catch (GeneralSecurityException e) {
            operations.put("tls", "cannot tell: " + e.getMessage());
        }
        return operations;
    }
}
