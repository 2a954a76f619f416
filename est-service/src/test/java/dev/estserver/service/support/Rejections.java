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
        assertRejected(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("X-Request-Id").orElseThrow(), EstClient.text(response), status,
                reasonFragments);
    }

    /** The same contract for a response read off a raw connection. */
    public void assertRejected(RawHttps.Response response, int status, String... reasonFragments) {
        assertRejected(response.status(), response.header("Content-Type"), response.header("X-Request-Id"),
                response.text(), status, reasonFragments);
    }

    private void assertRejected(int actualStatus, String contentType, String requestId, String body, int status,
            String... reasonFragments) {
        assertThat(actualStatus).as("status, body: %s", body).isEqualTo(status);
        assertThat(contentType).isEqualTo("text/plain; charset=utf-8");
        assertThat(body).contains(reasonFragments).doesNotContain("Exception", "\tat ");
        assertThat(requestId).as("X-Request-Id").isNotNull();
        assertThat(database.count("select count(*) from enrollment_event where request_id = ? and status_code = ?"
                + " and outcome = 'REJECTED' and reason = ?", requestId, status, body.strip()))
                .as("audit row for request %s", requestId).isEqualTo(1);
    }
}
