package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The contract of every refusal: the status, a {@code text/plain} reason that says what failed, no stack trace,
 * and an audit row under the response's request id.
 */
@ApplicationScoped
public class Rejections {

    private final Database database;

    Rejections(Database database) {
        this.database = database;
    }

    public void assertRejected(HttpResponse<byte[]> response, int status, String... reasonFragments) {
        String body = EstClient.text(response);
        assertThat(response.statusCode()).as("status, body: %s", body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(body).contains(reasonFragments).doesNotContain("Exception", "\tat ");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(database.count("select count(*) from enrollment_event where request_id = ? and status_code = ?"
                + " and outcome = 'REJECTED' and reason = ?", requestId, status, body.strip()))
                .as("audit row for request %s", requestId).isEqualTo(1);
    }
}
