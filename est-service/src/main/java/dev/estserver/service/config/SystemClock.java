package dev.estserver.service.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock beans read the time from, rather than {@code Instant.now()}, so that their tests can set it. */
@Singleton
class SystemClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
