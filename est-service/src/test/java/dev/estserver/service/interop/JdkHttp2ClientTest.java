package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Multipart;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * The JDK's own HTTP client over HTTP/2, as Java services enroll: it negotiates h2 by ALPN, answers a Basic
 * challenge through its {@link Authenticator} (credentials only after the 401), and multiplexes requests on one
 * connection, so a refusal that reset the connection would fail the requests beside it (INTEROP 24).
 */
@QuarkusTest
class JdkHttp2ClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PKCS10 = "application/pkcs10";

    private static HttpClient client(SSLContext tls, String password) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .connectTimeout(TIMEOUT);
        if (password != null) {
            builder.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication("estuser", password.toCharArray());
                }
            });
        }
        return builder.build();
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        return response;
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(EstClient.BASE + path)).timeout(TIMEOUT).build();
    }

    private static HttpRequest post(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(EstClient.BASE + path)).timeout(TIMEOUT)
                .header("Content-Type", PKCS10).POST(body).build();
    }

    private static HttpRequest post(String path, PKCS10CertificationRequest csr) {
        return post(path, HttpRequest.BodyPublishers.ofByteArray(Csrs.base64(csr)));
    }

    private static String name() {
        return "h2-" + UUID.randomUUID();
    }

    @Test
    void fetchesTheCaCertificates() throws Exception {
        HttpResponse<byte[]> response = send(client(TestTls.context(), null), get("cacerts"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/pkcs7-mime");
        assertThat(Pkcs7.certificates(response.body())).containsExactly(TestTls.caCertificate());
    }

    @Test
    void enrollsAfterTheChallengeThenReenrollsWithTheIssuedCertificate() throws Exception {
        KeyPair keys = TestKeys.ecP256();
        String name = name();
        HttpResponse<byte[]> enrolled = send(client(TestTls.context(), "estpwd"),
                post("simpleenroll", Csrs.csr(keys, "CN=" + name)));
        assertThat(enrolled.statusCode()).as(EstClient.text(enrolled)).isEqualTo(200);
        assertThat(enrolled.headers().firstValue("content-type"))
                .hasValue("application/pkcs7-mime; smime-type=certs-only");
        X509Certificate issued = Pkcs7.single(enrolled.body());
        assertThat(issued.getPublicKey()).isEqualTo(keys.getPublic());

        HttpClient withCertificate = client(TestTls.context(keys.getPrivate(), List.of(issued)), null);
        HttpResponse<byte[]> renewed = send(withCertificate, post("simplereenroll", Csrs.csr(keys, "CN=" + name)));
        assertThat(renewed.statusCode()).as(EstClient.text(renewed)).isEqualTo(200);
        assertThat(Pkcs7.single(renewed.body()).getSubjectX500Principal()).isEqualTo(issued.getSubjectX500Principal());
    }

    /** Its Authenticator tries the password three times, each answered with a challenge, then gives up. */
    @Test
    void givesUpCleanlyOnAWrongPassword() {
        assertThatIOException().isThrownBy(() -> send(client(TestTls.context(), "wrong"),
                post("simpleenroll", Csrs.csr(TestKeys.ecP256(), "CN=" + name()))))
                .withMessage("too many authentication attempts. Limit: 3");
    }

    @Test
    void getsAnEmptyChallengeWithItsReasonForWrongCredentials() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(EstClient.BASE + "simpleenroll")).timeout(TIMEOUT)
                .header("Content-Type", PKCS10).header("Authorization", EstClient.basic("estuser", "wrong"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + name()))))
                .build();
        HttpResponse<byte[]> response = send(client(TestTls.context(), null), request);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"estrealm\"");
        assertThat(response.headers().firstValue("x-est-reason"))
                .hasValue("bootstrap credentials for user 'estuser' not accepted: unknown user or wrong password");
    }

    @Test
    void readsCsrAttributesOrNoContent() throws Exception {
        HttpClient client = client(TestTls.context(), null);
        HttpResponse<byte[]> attributes = send(client, get("iot/csrattrs"));
        assertThat(attributes.statusCode()).isEqualTo(200);
        assertThat(attributes.headers().firstValue("content-type")).hasValue("application/csrattrs");
        assertThat(attributes.body()).isNotEmpty();
        assertThat(send(client, get("csrattrs-none/csrattrs")).statusCode()).isEqualTo(204);
    }

    @Test
    void receivesAServerGeneratedKeyAndItsCertificate() throws Exception {
        HttpResponse<byte[]> response = send(client(TestTls.context(), "estpwd"),
                post("keygen/serverkeygen", Csrs.csr(TestKeys.ecP256(), "CN=" + name())));
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        Multipart multipart = Multipart.parse(response.headers().firstValue("content-type").orElseThrow(),
                response.body());
        assertThat(multipart.parts()).extracting(part -> part.headers().getFirst())
                .containsExactly("Content-Type: application/pkcs8",
                        "Content-Type: application/pkcs7-mime; smime-type=certs-only");
    }

    /**
     * A body over the limit, declared in content-length or streamed without one, gets 413 and its reason on its
     * stream, while requests multiplexed beside it on the same connection complete.
     */
    @Test
    void refusesOversizedBodiesOnTheirStreamAndServesTheOthers() throws Exception {
        HttpClient client = client(TestTls.context(), null);
        send(client, get("cacerts")); // opens the connection that every request below shares
        byte[] big = "A".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<HttpResponse<byte[]>> declared = client.sendAsync(
                post("simpleenroll", HttpRequest.BodyPublishers.ofByteArray(big)),
                HttpResponse.BodyHandlers.ofByteArray());
        CompletableFuture<HttpResponse<byte[]>> streamed = client.sendAsync(
                post("simpleenroll", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))),
                HttpResponse.BodyHandlers.ofByteArray());
        List<CompletableFuture<HttpResponse<byte[]>>> beside = IntStream.range(0, 8)
                .mapToObj(i -> client.sendAsync(get("cacerts"), HttpResponse.BodyHandlers.ofByteArray())).toList();

        assertThat(declared.get().statusCode()).isEqualTo(413);
        assertThat(EstClient.text(declared.get()))
                .isEqualTo("request body too large: at most 65536 bytes are accepted, 200000 bytes declared in "
                        + "Content-Length\n");
        assertThat(streamed.get().statusCode()).isEqualTo(413);
        assertThat(EstClient.text(streamed.get()))
                .isEqualTo("request body too large: at most 65536 bytes are accepted, more than 65536 bytes sent\n");
        for (CompletableFuture<HttpResponse<byte[]>> other : beside) {
            assertThat(other.get().statusCode()).isEqualTo(200);
        }
        assertThat(send(client, get("cacerts")).statusCode()).isEqualTo(200);
    }
}
