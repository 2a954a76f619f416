package dev.estserver.service.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.estserver.service.ca.PkiMaterial;

/** Ready only while the issuing CA is loaded and still valid; the database check comes with the datasource. */
@Readiness
@ApplicationScoped
public class IssuingCaReadiness implements HealthCheck {

    private final PkiMaterial pki;

    IssuingCaReadiness(PkiMaterial pki) {
        this.pki = pki;
    }

    @Override
    public HealthCheckResponse call() {
        var ca = pki.issuingCa().certificate();
        Instant notAfter = ca.getNotAfter().toInstant();
        return HealthCheckResponse.named("issuing-ca")
                .status(Instant.now().isBefore(notAfter))
                .withData("subject", ca.getSubjectX500Principal().getName())
                .withData("notAfter", notAfter.toString())
                .build();
    }
}
