package dev.estserver.bench.run;

import static dev.estserver.bench.run.CaAlgorithm.EC_P256;
import static dev.estserver.bench.run.ProviderSet.JDK;
import static dev.estserver.bench.run.ProviderSet.NATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CaRunTest {

    private static final ProviderLimit NATIVE_LIMIT = new ProviderLimit(NATIVE, "CSR check on ACCP, CA signature on "
            + "ACCP", 9123, 9050);
    private static final ProviderLimit JDK_LIMIT = new ProviderLimit(JDK, "CSR check on BC, CA signature on SunEC",
            3019, 3001);

    @Test
    void limitLineGivesEachProviderAndTheLargestDriftAsTheNoise() {
        CaRun run = new CaRun(EC_P256, 2, List.of(NATIVE_LIMIT, JDK_LIMIT), List.of());

        // native drifted by 73/9123 = 0.80%, jdk by 18/3019 = 0.60%
        assertThat(run.limitLine()).isEqualTo("limit: ca=ec-p256 native start=9123/s end=9050/s | jdk start=3019/s "
                + "end=3001/s noise=0.8% (2 threads; device keys are EC P-256 for every CA: the CA type changes the "
                + "certificate signature, not the device keys)");
    }

    @Test
    void limitLineOfOneProviderGivesOnlyIt() {
        CaRun run = new CaRun(EC_P256, 2, List.of(JDK_LIMIT), List.of());

        assertThat(run.limitLine()).startsWith("limit: ca=ec-p256 jdk start=3019/s end=3001/s noise=0.6% (2 threads;");
    }

    @Test
    void scenariosAreThoseOfEveryRunAndTheJsonHasTheRunsPerProviderAndTheirComparison() {
        ScenarioResult nativeResult = Results.of("keep-alive", 64, EC_P256, NATIVE, 27120, 41, 0, 300);
        ScenarioResult jdkResult = Results.of("keep-alive", 64, EC_P256, JDK, 14520, 83, 0, 300);
        CaRun run = new CaRun(EC_P256, 2, List.of(NATIVE_LIMIT, JDK_LIMIT), List.of(
                new ProviderRun(NATIVE, Optional.empty(), 0, List.of(nativeResult)),
                new ProviderRun(JDK, Optional.empty(), 0, List.of(jdkResult))));

        assertThat(run.scenarios()).containsExactly(nativeResult, jdkResult);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) run.toJson().get("runs");
        assertThat(runs).extracting(r -> r.get("provider")).containsExactly("native", "jdk");
        assertThat(run.comparisons()).containsExactly(new AbComparison(nativeResult, jdkResult));
        assertThat(run.toJson().get("ab")).isEqualTo(List.of(new AbComparison(nativeResult, jdkResult).toJson()));
    }
}
