package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreWhatMakeBenchRuns() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.cas()).containsExactly(CaAlgorithm.EC_P256, CaAlgorithm.RSA_2048);
        assertThat(options.providers()).containsExactly(ProviderSet.NATIVE, ProviderSet.JDK);
        assertThat(options.scenarios()).isEqualTo(Scenario.ALL);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.serviceWarmup()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.seedRows()).isEqualTo(1_000_000);
        assertThat(options.database()).isEqualTo("est_bench");
        assertThat(options.out()).isEqualTo(Path.of("target/bench"));
        assertThat(options.serviceJar()).isEqualTo(Path.of("est-service/target/quarkus-app/quarkus-run.jar"));
    }

    @Test
    void everyOptionCanBeGiven() {
        BenchOptions options = BenchOptions.parse("--cas", "rsa-2048", "--providers", "jdk", "--scenarios",
                "keep-alive:2", "--warmup", "1s", "--duration", "2500ms", "--service-warmup", "3s", "--limit-warmup",
                "1s", "--limit-duration", "2s", "--seed-rows", "1000", "--database", "est_bench_test", "--out",
                "target/x", "--service-jar", "../svc.jar");

        assertThat(options.cas()).containsExactly(CaAlgorithm.RSA_2048);
        assertThat(options.providers()).containsExactly(ProviderSet.JDK);
        assertThat(options.scenarios()).extracting(Scenario::concurrency).containsExactly(2);
        assertThat(options.duration()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.serviceWarmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.limitDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.seedRows()).isEqualTo(1000);
        assertThat(options.seeds()).isFalse();
        assertThat(options.serviceJar()).isEqualTo(Path.of("../svc.jar"));
    }

    @Test
    void durationsTakeMillisecondsSecondsOrMinutes() {
        assertThat(BenchOptions.parseDuration("warmup", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> BenchOptions.parseDuration("warmup", "5")).hasMessage("--warmup: expected a "
                + "positive duration such as 500ms, 15s or 2m, got '5'");
        assertThatThrownBy(() -> BenchOptions.parseDuration("duration", "0s")).hasMessageStartingWith("--duration:");
    }

    @Test
    void providersRunInTheOrderGiven() {
        assertThat(BenchOptions.parse("--providers", "jdk, native").providers()).containsExactly(ProviderSet.JDK,
                ProviderSet.NATIVE);
        assertThat(BenchOptions.parse("--providers", "native").providers()).containsExactly(ProviderSet.NATIVE);
    }

    @Test
    void rejectsUnknownEmptyOrRepeatedProvidersNamingTheOptionAndTheValue() {
        for (String value : new String[] { "auto", "", "native,", "native,native", "native,jdk,bc" }) {
            assertThatThrownBy(() -> BenchOptions.parse("--providers", value)).hasMessage("--providers: expected "
                    + "native, jdk or both (native,jdk), got '" + value + "'");
        }
    }

    @Test
    void rejectsWhatItDoesNotKnowWithOneLine() {
        assertThatThrownBy(() -> BenchOptions.parse("--cas", "ed25519")).hasMessage("unknown CA algorithm 'ed25519'; "
                + "expected one of [ec-p256, rsa-2048]");
        assertThatThrownBy(() -> BenchOptions.parse("--color", "red")).hasMessage("unknown option --color");
        assertThatThrownBy(() -> BenchOptions.parse("--warmup")).hasMessage("expected --<option> <value>, got "
                + "'--warmup' without a value");
        assertThatThrownBy(() -> BenchOptions.parse("--seed-rows", "lots")).hasMessage("--seed-rows: expected a "
                + "positive whole number, got 'lots'");
    }
}
