package dev.estserver.service.config;

/**
 * The order of startup work: configuration is validated before anything reads or writes data, so that an
 * incomplete configuration is reported as such and not as a symptom further down.
 */
public final class StartupOrder {

    /** Loading and validating configuration, CA and TLS material. */
    public static final int CONFIGURATION = 10;

    /** Startup work on the database. */
    public static final int DATA = 100;

    /** Listeners of our own, opened once configuration and data are ready, as Quarkus opens its HTTPS port last. */
    public static final int LISTENERS = 1_000;

    /**
     * Background work, started once nothing else can refuse the start: a refusal then stops a service that has no
     * thread of its own running, and is reported in one line.
     */
    public static final int BACKGROUND = 10_000;

    private StartupOrder() {
    }
}
