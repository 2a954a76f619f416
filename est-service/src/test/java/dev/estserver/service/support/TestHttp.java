package dev.estserver.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends a test's HTTPS request with a timeout, so that a hung service fails the test instead of stalling it. */
final class TestHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestHttp() {
    }

    static HttpResponse<byte[]> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
