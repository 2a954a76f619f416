package dev.estserver.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything measured with one issuing CA: each provider set's crypto limit, its service run, and the comparison of
 * the two sets where both ran.
 */
record CaRun(CaAlgorithm ca, int limitThreads, List<ProviderLimit> limits, List<ProviderRun> runs) {

    /** The largest drift of any provider set's limit: the machine's noise, which no comparison can be finer than. */
    double noise() {
        return limits.stream().mapToDouble(ProviderLimit::noise).max().orElse(0);
    }

    String limitLine() {
        return String.format(Locale.ROOT, "limit: ca=%s %s noise=%.1f%% (%d threads; device keys are EC P-256 for "
                + "every CA: the CA type changes the certificate signature, not the device keys)", ca.id(),
                limits.stream().map(ProviderLimit::text).collect(Collectors.joining(" | ")), noise() * 100,
                limitThreads);
    }

    /** Every scenario of every provider set's run. */
    List<ScenarioResult> scenarios() {
        return runs.stream().flatMap(r -> r.scenarios().stream()).toList();
    }

    List<AbComparison> comparisons() {
        return AbComparison.of(scenarios());
    }

    Map<String, Object> toJson() {
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("threads", limitThreads);
        limit.put("operation", "CsrPolicy.verifyProofOfPossession + CertificateAuthority.issue + der, EC P-256 CSRs");
        limit.put("noise", noise());
        limit.put("providers", limits.stream().map(ProviderLimit::toJson).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ca", ca.id());
        json.put("description", ca.description());
        json.put("cryptoLimit", limit);
        json.put("runs", runs.stream().map(ProviderRun::toJson).toList());
        json.put("ab", comparisons().stream().map(AbComparison::toJson).toList());
        return json;
    }
}
