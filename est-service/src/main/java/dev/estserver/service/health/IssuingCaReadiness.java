package dev.estserver.service.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.estserver.service.ca.CertificateAuthorities;

/** Ready only while every issuing CA is loaded and still valid; the database check comes with the datasource. */
@Readiness
@ApplicationScoped
public class IssuingCaReadiness implements HealthCheck {

    private final CertificateAuthorities authorities;

    IssuingCaReadiness(CertificateAuthorities authorities) {
        this.authorities = authorities;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("issuing-ca").up();
        Instant now = Instant.now();
        authorities.byName().forEach((name, ca) -> {
            Instant notAfter = ca.certificate().getNotAfter().toInstant();
            if (!now.isBefore(notAfter)) {
                response.down();
            }
            response.withData(name + ".subject", ca.certificate().getSubjectX500Principal().getName())
                    .withData(name + ".notAfter", notAfter.toString());
        });
        return response.build();
    }
}
