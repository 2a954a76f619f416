package dev.estserver.service.support;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A test EST client over real HTTPS (HTTP/1.1, as most EST clients speak). */
public final class EstClient {

    public static final int PORT = TestPorts.HTTPS;
    /** The service's root, for paths outside EST such as {@code /crl/...} and {@code /ocsp}. */
    public static final String ROOT = "https://localhost:" + PORT;
    public static final String BASE = ROOT + "/.well-known/est/";
    public static final String DEMO_BASIC = basic("estuser", "estpwd");

    private final HttpClient http;

    private EstClient(SSLContext context) {
        this(HttpClient.newBuilder().sslContext(context));
    }

    private EstClient(HttpClient.Builder http) {
        this.http = http.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** No client certificate. */
    public static EstClient anonymous() {
        return new EstClient(TestTls.context());
    }

    /**
     * No client certificate, connecting from {@code loopbackAddress} (any of 127.0.0.0/8), so that the service sees
     * a client address of the test's own.
     */
    public static EstClient anonymousFrom(String loopbackAddress) {
        return new EstClient(HttpClient.newBuilder().sslContext(TestTls.context())
                .localAddress(loopback(loopbackAddress)));
    }

    /** Presents {@code certificate} (and its key) as TLS client certificate. */
    public static EstClient withCertificate(KeyPair keys, X509Certificate certificate) {
        return new EstClient(TestTls.context(keys.getPrivate(), List.of(certificate)));
    }

    /** A client address on this machine other than 127.0.0.1: Linux routes all of 127.0.0.0/8 to loopback. */
    public static InetAddress loopback(String address) {
        InetAddress local = InetAddress.ofLiteral(address);
        if (!local.isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not a loopback address");
        }
        return local;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<byte[]> get(String path, String... headers) {
        return getUrl(BASE + path, headers);
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        return postUrl(BASE + path, contentType, body, headers);
    }

    public HttpResponse<byte[]> getUrl(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        return send(request, headers);
    }

    public HttpResponse<byte[]> postUrl(String url, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    /** {@code /simpleenroll} with the demo credential and a standard base64 body. */
    public HttpResponse<byte[]> enroll(String label, PKCS10CertificationRequest csr) {
        return post(prefix(label) + "simpleenroll", "application/pkcs10", Csrs.base64(csr),
                "Authorization", DEMO_BASIC);
    }

    public HttpResponse<byte[]> reenroll(String label, PKCS10CertificationRequest csr) {
        return post(prefix(label) + "simplereenroll", "application/pkcs10", Csrs.base64(csr));
    }

    /** Enrolls with the demo credential and returns the issued certificate, failing the test on any other answer. */
    public X509Certificate enrolled(String label, PKCS10CertificationRequest csr) {
        HttpResponse<byte[]> response = enroll(label, csr);
        if (response.statusCode() != 200) {
            throw new AssertionError("enrollment failed: " + response.statusCode() + " " + text(response));
        }
        return Pkcs7.single(response.body());
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String prefix(String label) {
        return label == null ? "" : label + "/";
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return TestHttp.send(http, request);
    }
}
