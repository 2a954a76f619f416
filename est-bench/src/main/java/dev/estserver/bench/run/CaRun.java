package dev.estserver.bench.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything measured with one issuing CA: the crypto limit before the service started and after it stopped (their
 * difference is how much the machine itself drifted meanwhile), the seeding, and the scenarios.
 */
record CaRun(CaAlgorithm ca, int limitThreads, double limitAtStart, double limitAtEnd, Optional<Duration> seeding,
        int seedRows, List<ScenarioResult> scenarios) {

    /** The drift between the two limit measurements, as a share of the first. */
    double noise() {
        return Math.abs(limitAtEnd - limitAtStart) / limitAtStart;
    }

    String limitLine() {
        return String.format(Locale.ROOT, "limit: ca=%s start=%d/s end=%d/s noise=%.1f%% (%d threads; device keys are "
                + "EC P-256 for every CA: the CA type changes the certificate signature, not the device keys)",
                ca.id(), Math.round(limitAtStart), Math.round(limitAtEnd), noise() * 100, limitThreads);
    }

    Map<String, Object> toJson() {
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("threads", limitThreads);
        limit.put("atStartPerSecond", limitAtStart);
        limit.put("atEndPerSecond", limitAtEnd);
        limit.put("differencePerSecond", limitAtEnd - limitAtStart);
        limit.put("noise", noise());
        limit.put("operation", "CsrPolicy.verifyProofOfPossession + CertificateAuthority.issue + der, EC P-256 CSRs");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ca", ca.id());
        json.put("description", ca.description());
        json.put("cryptoLimit", limit);
        seeding.ifPresent(d -> {
            Map<String, Object> seeded = new LinkedHashMap<>();
            seeded.put("rows", seedRows);
            seeded.put("seconds", d.toMillis() / 1000.0);
            json.put("seeding", seeded);
        });
        json.put("scenarios", scenarios.stream().map(ScenarioResult::toJson).toList());
        return json;
    }
}
