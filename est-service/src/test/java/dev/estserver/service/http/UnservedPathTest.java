package dev.estserver.service.http;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;

/**
 * A path nothing serves is refused on the event loop, where Quarkus REST matches no resource: the refusal gets its
 * reason, its log line and its audit row like every other, the row written off the event loop. Browsers ask for
 * {@code /favicon.ico} on every console page.
 */
@QuarkusTest
class UnservedPathTest {

    @Inject
    Rejections rejections;

    @ParameterizedTest
    @ValueSource(strings = {"/favicon.ico", "/no/such/path"})
    void isRefusedWith404AndAuditedLikeEveryOtherRefusal(String path) {
        rejections.assertRejected(EstClient.anonymous().getUrl(EstClient.ROOT + path), 404, "HTTP 404 Not Found");
    }
}
