package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchServiceTest {

    @Test
    void javaOptionsComeFromTheVariableOrTheDefault() {
        assertThat(BenchService.javaOptions(null)).containsExactly("-XX:+UseParallelGC", "-Xmx192m");
        assertThat(BenchService.javaOptions("  ")).containsExactly("-XX:+UseParallelGC", "-Xmx192m");
        assertThat(BenchService.javaOptions(" -Xmx400m  -XX:+UseSerialGC ")).containsExactly("-Xmx400m",
                "-XX:+UseSerialGC");
    }

    @Test
    void saysHowToBuildAMissingServiceJar(@TempDir Path dir) {
        assertThatThrownBy(() -> BenchService.start(dir.resolve("quarkus-run.jar"), null, ProviderSet.JDK, "jdbc:x",
                dir.resolve("log")))
                .isInstanceOf(BenchFailure.class)
                .hasMessage("the packaged service " + dir.resolve("quarkus-run.jar") + " does not exist; build it "
                        + "first (./mvnw -DskipTests package) and run from the repository root");
    }
}
