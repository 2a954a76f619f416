package dev.estserver.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.estserver.service.config.EstConfig;

class StrictTransportSecurityTest {

    private static EstConfig.Hsts hsts(boolean enabled, Duration maxAge, boolean includeSubdomains) {
        return new EstConfig.Hsts() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }

            @Override
            public boolean includeSubdomains() {
                return includeSubdomains;
            }
        };
    }

    @Test
    void defaultsToOneYear() {
        assertThat(new StrictTransportSecurity(hsts(true, Duration.ofDays(365), false)).value())
                .hasValue("max-age=31536000");
    }

    @Test
    void extendsToSubdomainsOnlyWhenAsked() {
        assertThat(new StrictTransportSecurity(hsts(true, Duration.ofDays(1), true)).value())
                .hasValue("max-age=86400; includeSubDomains");
    }

    @Test
    void sendsNothingWhenSwitchedOff() {
        assertThat(new StrictTransportSecurity(hsts(false, Duration.ofDays(365), false)).value()).isEmpty();
    }
}
