package dev.estserver.service.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain HTTP/1.1 to the management interface, with a timeout: no h2c upgrade attempt, which the default client makes
 * on plain HTTP.
 */
public final class ManagementClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ManagementClient() {
    }

    public static HttpResponse<byte[]> get(String path) {
        return TestHttp.send(HTTP, HttpRequest.newBuilder(URI.create("http://localhost:" + TestPorts.MANAGEMENT
                + path)).GET());
    }
}
