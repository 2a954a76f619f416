package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A smoke test of {@code make bench}, small enough for {@code make test}: one CA, a short keep-alive scenario and a
 * tiny seeded one, against the packaged service in production mode, once on each provider set (the default), so
 * that the second run proves the database is seeded again. Not a benchmark: no figure is judged here.
 */
class BenchRunIT {

    private static final Pattern SUMMARY = Pattern.compile("bench: (\\S+) ca=ec-p256 provider=(native|jdk) conc=2 "
            + "throughput=(\\d+)/s limit=(\\d+)/s ratio=\\d+\\.\\d{2} p99=\\d+\\.\\dms errors=(\\d+) rss=(\\d+)");
    private static final Path OUT = Path.of("target/bench-it");

    @Test
    void runsAScenarioAndASeededOneOnEachProviderSetAgainstThePackagedServiceAndReportsThem() throws Exception {
        String database = Objects.requireNonNullElse(System.getenv("EST_BENCH_TEST_DATABASE"), "est_bench_test");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        int exit = RunCommand.run(new String[] { "--cas", "ec-p256", "--scenarios", "keep-alive:2,keep-alive-1m:2",
                "--warmup", "1s", "--duration", "2s", "--service-warmup", "1s", "--limit-warmup", "1s",
                "--limit-duration", "1s", "--seed-rows", "1000", "--database", database, "--out", OUT.toString(),
                "--service-jar", "../est-service/target/quarkus-app/quarkus-run.jar" }, out, System.err);

        System.out.print(captured.toString(StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        List<Matcher> summaries = lines.stream().filter(l -> l.startsWith("bench: ")).map(SUMMARY::matcher).toList();
        assertThat(summaries).hasSize(4).allMatch(Matcher::matches, "has the issue's summary format");
        // Both services run side by side; each scenario runs on both, the order reversed from one to the next.
        assertThat(summaries).extracting(m -> m.group(1) + " " + m.group(2)).containsExactly("keep-alive native",
                "keep-alive jdk", "keep-alive-1m jdk", "keep-alive-1m native");
        for (Matcher summary : summaries) {
            String scenario = summary.group(1) + " provider=" + summary.group(2);
            assertThat(Long.parseLong(summary.group(3))).as("throughput of " + scenario).isPositive();
            assertThat(Long.parseLong(summary.group(4))).as("crypto limit").isPositive();
            assertThat(summary.group(5)).as("errors of " + scenario).isEqualTo("0");
            assertThat(Long.parseLong(summary.group(6))).as("peak RSS in MiB").isPositive();
        }
        assertThat(lines).anyMatch(l -> l.startsWith("seed: ca=ec-p256 provider=native rows=1000 time="));
        assertThat(lines).anyMatch(l -> l.startsWith("seed: ca=ec-p256 provider=jdk rows=1000 time="));
        assertThat(lines).anyMatch(l -> l.matches("limit: ca=ec-p256 native start=\\d+/s end=\\d+/s "
                + "\\| jdk start=\\d+/s end=\\d+/s noise=.*"));
        assertThat(lines).filteredOn(l -> l.startsWith("ab: ")).hasSize(2).allMatch(l -> l.matches("ab: ca=ec-p256 "
                + "keep-alive(-1m)? conc=2: native \\d+/s p99 \\S+ms errors 0 \\| jdk \\d+/s p99 \\S+ms errors 0 "
                + "\\| native/jdk \\d+\\.\\d{2}x"));
        assertThat(lines).anyMatch(l -> l.startsWith("target: "));
        for (String provider : List.of("native", "jdk")) {
            assertThat(OUT.resolve("service-ec-p256-" + provider + ".log")).as("the service's own word")
                    .content().contains("(est.crypto.provider=" + provider + ")");
        }

        String json = Files.readString(OUT.resolve("latest.json"));
        assertThat(json).contains("\"cpus\": " + Runtime.getRuntime().availableProcessors(),
                "\"atStartPerSecond\"", "\"atEndPerSecond\"", "\"rows\": 1000", "\"scenario\": \"keep-alive\"",
                "\"scenario\": \"keep-alive-1m\"", "\"errors\": 0", "\"targets\"", "\"provider\": \"native\"",
                "\"provider\": \"jdk\"", "\"computedOn\": \"CSR check on AmazonCorrettoCryptoProvider",
                "\"throughputNativeOverJdk\"");
        assertThat(json).contains("\"summary\": \"" + summaries.getFirst().group() + "\"");
    }
}
