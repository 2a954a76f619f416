package dev.estserver.service.http;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.estserver.service.config.EstConfig;

/**
 * The {@code Strict-Transport-Security} header (RFC 6797) from {@code est.tls.hsts.*}: it tells browsers that use
 * the admin API or Swagger UI never to reach this host name over plain HTTP. Sent on HTTPS only (§7.2).
 */
@Singleton
class StrictTransportSecurity {

    static final String HEADER = "Strict-Transport-Security";

    private final Optional<String> value;

    @Inject
    StrictTransportSecurity(EstConfig config) {
        this(config.tls().hsts());
    }

    StrictTransportSecurity(EstConfig.Hsts hsts) {
        String subdomains = hsts.includeSubdomains() ? "; includeSubDomains" : "";
        this.value = hsts.enabled() ? Optional.of("max-age=" + hsts.maxAge().toSeconds() + subdomains)
                : Optional.empty();
    }

    /** The header value, or empty when switched off. */
    Optional<String> value() {
        return value;
    }
}
