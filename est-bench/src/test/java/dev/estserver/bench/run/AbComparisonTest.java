package dev.estserver.bench.run;

import static dev.estserver.bench.run.CaAlgorithm.EC_P256;
import static dev.estserver.bench.run.CaAlgorithm.RSA_2048;
import static dev.estserver.bench.run.ProviderSet.JDK;
import static dev.estserver.bench.run.ProviderSet.NATIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AbComparisonTest {

    private static final ScenarioResult NATIVE_64 = Results.of("keep-alive", 64, EC_P256, NATIVE, 27120, 41, 0, 300);
    private static final ScenarioResult JDK_64 = Results.of("keep-alive", 64, EC_P256, JDK, 14520, 83, 0, 300);

    @Test
    void lineIsTheOneTheIssueSpecifies() {
        assertThat(new AbComparison(NATIVE_64, JDK_64).line()).isEqualTo("ab: ca=ec-p256 keep-alive conc=64: native "
                + "2712/s p99 41.0ms errors 0 | jdk 1452/s p99 83.0ms errors 0 | native/jdk 1.87x");
    }

    @Test
    void pairsEachScenarioBothSetsRanWithTheSameCaInTheNativeOrder() {
        ScenarioResult native8 = Results.of("keep-alive", 8, EC_P256, NATIVE, 18000, 8, 0, 300);
        ScenarioResult nativeOnly = Results.of("new-connection", 64, EC_P256, NATIVE, 7000, 160, 0, 300);
        ScenarioResult jdk8 = Results.of("keep-alive", 8, EC_P256, JDK, 9000, 16, 0, 300);
        ScenarioResult jdkRsa = Results.of("keep-alive", 64, RSA_2048, JDK, 14000, 90, 0, 300);

        List<AbComparison> pairs = AbComparison.of(List.of(NATIVE_64, native8, nativeOnly, jdk8, jdkRsa, JDK_64));

        assertThat(pairs).containsExactly(new AbComparison(NATIVE_64, JDK_64), new AbComparison(native8, jdk8));
    }

    @Test
    void noneWithOneProviderSet() {
        assertThat(AbComparison.of(List.of(NATIVE_64))).isEmpty();
        assertThat(AbComparison.of(List.of(JDK_64))).isEmpty();
    }

    @Test
    void jsonCarriesTheRatios() {
        assertThat(new AbComparison(NATIVE_64, JDK_64).toJson()).containsEntry("scenario", "keep-alive")
                .containsEntry("concurrency", 64).containsEntry("nativePerSecond", 2712.0)
                .containsEntry("jdkPerSecond", 1452.0).containsEntry("throughputNativeOverJdk", 2712.0 / 1452)
                .containsEntry("p99NativeOverJdk", 41.0 / 83);
    }
}
