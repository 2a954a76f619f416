package dev.estserver.service.ca;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import dev.estserver.service.config.StartupOrder;

/**
 * When each issuing CA's certificate ends ({@code est_ca_not_after_seconds{ca}}, Unix seconds), for the alert that
 * warns 30 days ahead: a CA that expires takes every certificate it issued with it.
 */
@ApplicationScoped
class CaExpiryMetrics {

    void register(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event, MeterRegistry registry,
            CertificateAuthorities authorities) {
        authorities.byName().forEach((name, authority) -> Gauge.builder("est.ca.not.after", authority,
                ca -> ca.certificate().getNotAfter().toInstant().getEpochSecond())
                .baseUnit("seconds").description("When the issuing CA's certificate ends, as Unix time")
                .tag("ca", name).register(registry));
    }
}
