package dev.estserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithTwoAndOneLineWithoutACommand() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).isEqualTo("bench: expected a command: run (make bench) or load (any EST server)" + System.lineSeparator());
    }

    @Test
    void exitsWithTwoOnAnUnknownCommand() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).isEqualTo("bench: unknown command 'frobnicate', expected: run or load" + System.lineSeparator());
    }

    @Test
    void exitsWithTwoOnMisusedLoadOptionsBeforeGeneratingAnything() {
        assertThat(run("load", "--url", "http://est.example/.well-known/est", "--trust", "ca.pem", "--basic", "u:p"))
                .isEqualTo(2);
        assertThat(err()).isEqualTo("bench: --url must be https://host[:port]/.well-known/est[/label], "
                + "was 'http://est.example/.well-known/est'" + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
