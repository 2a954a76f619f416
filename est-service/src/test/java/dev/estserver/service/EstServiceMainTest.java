package dev.estserver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

/** What an operator reads when the service does not start: one line with the reason, not a stack trace. */
class EstServiceMainTest {

    @Test
    void reasonIsTheMessageOfTheOutermostRefusal() {
        Throwable failure = new RuntimeException("Failed to start quarkus", new IllegalStateException(
                "est.ca.key-file: no unencrypted PEM private key in /etc/est/ca.pem",
                new IllegalStateException("no unencrypted PEM private key in /etc/est/ca.pem")));
        assertThat(EstServiceMain.reason(failure)).isEqualTo("refusing to start: est.ca.key-file: no unencrypted PEM "
                + "private key in /etc/est/ca.pem");
    }

    @Test
    void reasonOfAnUnexpectedFailureNamesItsRootCauseAndWhereTheTraceIs() {
        Throwable failure = new RuntimeException("Failed to start quarkus",
                new RuntimeException("cannot connect", new ConnectException("Connection refused")));
        assertThat(EstServiceMain.reason(failure)).isEqualTo("cannot start: java.net.ConnectException: Connection "
                + "refused (the stack trace is logged at DEBUG by dev.estserver.service.EstServiceMain)");
    }
}
