package dev.estserver.service.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP/1.1 to the CRL and OCSP listener, as relying parties speak it: no TLS, no h2c upgrade attempt. */
public final class RevocationHttp {

    public static final String ROOT = "http://localhost:" + TestPorts.REVOCATION_HTTP;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RevocationHttp() {
    }

    public static HttpResponse<byte[]> get(String path, String... headers) {
        return TestHttp.send(HTTP, request(path, headers).GET());
    }

    public static HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        return TestHttp.send(HTTP, request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(ROOT + path));
        return headers.length == 0 ? builder : builder.headers(headers);
    }
}
