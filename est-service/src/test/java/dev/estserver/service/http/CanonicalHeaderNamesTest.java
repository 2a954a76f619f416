package dev.estserver.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.vertx.core.MultiMap;

class CanonicalHeaderNamesTest {

    @ParameterizedTest
    @CsvSource({"content-length, Content-Length", "CONTENT-TYPE, Content-Type", "www-authenticate, WWW-Authenticate",
        "x-request-id, X-Request-Id", "retry-after, Retry-After", "connection, Connection",
        "content-transfer-encoding, Content-Transfer-Encoding", "strict-transport-security, Strict-Transport-Security",
        "Content-Length, Content-Length"})
    void spellsNamesAsRfc9110Does(String name, String canonical) {
        assertThat(CanonicalHeaderNames.of(name)).isEqualTo(canonical);
    }

    @Test
    void renamesHeadersKeepingEveryValue() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-length", "12")
                .add("set-cookie", "a=1").add("set-cookie", "b=2").add("Content-Type", "text/plain");
        CanonicalHeaderNames.apply(headers);
        assertThat(headers.names()).containsExactlyInAnyOrder("Content-Length", "Set-Cookie", "Content-Type");
        assertThat(headers.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(headers.get("Content-Length")).isEqualTo("12");
    }
}
