package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The contract of every refusal: the status, a {@code text/plain} reason that says what failed, no stack trace,
 * and an audit row under the response's request id. The EST paths' Basic challenge (401) has an empty body
 * (INTEROP 23): its reason is the {@code X-Est-Reason} header.
 */
@ApplicationScoped
public class Rejections {

    private static final String REASON_HEADER = "X-Est-Reason";

    private final Database database;

    Rejections(Database database) {
        this.database = database;
    }

    public void assertRejected(HttpResponse<byte[]> response, int status, String... reasonFragments) {
        assertRejected(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("X-Request-Id").orElseThrow(), EstClient.text(response),
                response.headers().firstValue("WWW-Authenticate").orElse(""),
                response.headers().firstValue(REASON_HEADER).orElse(null), status, reasonFragments);
    }

    /** The same contract for a response read off a raw connection. */
    public void assertRejected(RawHttps.Response response, int status, String... reasonFragments) {
        assertRejected(response.status(), response.header("Content-Type"), response.header("X-Request-Id"),
                response.text(), Objects.requireNonNullElse(response.header("WWW-Authenticate"), ""),
                response.header(REASON_HEADER), status, reasonFragments);
    }

    private void assertRejected(int actualStatus, String contentType, String requestId, String body, String challenge,
            String reasonHeader, int status, String... reasonFragments) {
        assertThat(actualStatus).as("status, body: %s, %s: %s", body, REASON_HEADER, reasonHeader)
                .isEqualTo(status);
        String reason;
        if (challenge.startsWith("Basic ")) {
            assertThat(body).as("body of a 401 challenge").isEmpty();
            assertThat(contentType).as("Content-Type of an empty 401").isNull();
            reason = reasonHeader;
        } else {
            assertThat(contentType).isEqualTo("text/plain; charset=utf-8");
            reason = body;
        }
        assertThat(reason).contains(reasonFragments).doesNotContain("Exception", "\tat ");
        assertThat(requestId).as("X-Request-Id").isNotNull();
        assertThat(database.count("select count(*) from enrollment_event where request_id = ? and status_code = ?"
                + " and outcome = 'REJECTED' and reason = ?", requestId, status, reason.strip()))
                .as("audit row for request %s", requestId).isEqualTo(1);
    }
}
