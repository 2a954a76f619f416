package dev.estserver.service.protocol.est;

import static dev.estserver.service.support.RawHttps.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.RawHttps;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;

/** The wire-format traps of shared/INTEROP.md, numbered as there. */
@QuarkusTest
class WireFormatTest {

    private final EstClient client = EstClient.anonymous();

    @Inject
    Rejections rejections;

    private static PKCS10CertificationRequest newCsr() {
        return Csrs.csr(TestKeys.ecP256(), "CN=wire-" + UUID.randomUUID());
    }

    private HttpResponse<byte[]> enroll(byte[] body, String contentType, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = EstClient.DEMO_BASIC;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return client.post("simpleenroll", contentType, body, all);
    }

    private static String rawEnrollHeaders(String extra) {
        return "POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pkcs10\r\n"
                + "Authorization: " + EstClient.DEMO_BASIC + "\r\n" + extra;
    }

    /** The head of a /simpleenroll with no Authorization, as libest and BouncyCastle send it before the challenge. */
    private static String withoutCredentials(byte[] body) {
        return "POST /.well-known/est/simpleenroll HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pkcs10\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
    }

    // 1. Base64 shape varies.
    @Test
    void acceptsBase64In64ColumnLfLines() {
        assertThat(enroll(Csrs.base64(newCsr(), 64, "\n"), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsBase64In76ColumnCrlfLines() {
        assertThat(enroll(Csrs.base64(newCsr(), 76, "\r\n"), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsBase64OnOneLineWithAndWithoutFinalNewline() {
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10").statusCode()).isEqualTo(200);
        byte[] withNewline = (new String(Csrs.base64(newCsr())) + "\n").getBytes();
        assertThat(enroll(withNewline, "application/pkcs10").statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsWhitespaceAnywhereInBase64() {
        String b64 = new String(Csrs.base64(newCsr()));
        String spaced = "  " + b64.substring(0, 10) + " \t " + b64.substring(10, 30) + "\r\n\n" + b64.substring(30) + " ";
        assertThat(enroll(spaced.getBytes(), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    // 2. Content-Transfer-Encoding is meaningless on input.
    @Test
    void ignoresContentTransferEncoding() {
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10", "Content-Transfer-Encoding", "base64")
                .statusCode()).isEqualTo(200);
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10", "Content-Transfer-Encoding", "binary")
                .statusCode()).isEqualTo(200);
    }

    // 3. CSR body variants.
    @Test
    void acceptsPemArmouredCsr() {
        assertThat(enroll(Csrs.pem(newCsr()), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsRawDerCsr() {
        assertThat(enroll(Csrs.der(newCsr()), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    // 4. Content-Type parameters and case.
    @Test
    void acceptsMediaTypeWithParametersAndOddCase() {
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10; charset=utf-8").statusCode()).isEqualTo(200);
        assertThat(enroll(Csrs.base64(newCsr()), "Application/PKCS10").statusCode()).isEqualTo(200);
    }

    // 5. Odd Accept headers.
    @Test
    void neverAnswers406ToOddAcceptOnEnroll() {
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10", "Accept", "text/plain").statusCode())
                .isEqualTo(200);
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10", "Accept", "*/*").statusCode()).isEqualTo(200);
    }

    // 6. Chunked request bodies.
    @Test
    void acceptsChunkedBodyWithoutContentLength() throws Exception {
        byte[] body = Csrs.base64(newCsr(), 64, "\n");
        int half = body.length / 2;
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Transfer-Encoding: chunked\r\n\r\n")),
                    ascii(Integer.toHexString(half) + "\r\n"), Arrays.copyOfRange(body, 0, half), ascii("\r\n"),
                    ascii(Integer.toHexString(body.length - half) + "\r\n"),
                    Arrays.copyOfRange(body, half, body.length), ascii("\r\n0\r\n\r\n"));
            RawHttps.Response response = raw.read();
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
    }

    @Test
    void rejectsOversizedChunkedBody() throws Exception {
        byte[] chunk = filled(70 * 1024);
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Transfer-Encoding: chunked\r\n\r\n")),
                    ascii(Integer.toHexString(chunk.length) + "\r\n"), chunk, ascii("\r\n0\r\n\r\n"));
            rejections.assertRejected(raw.read(), 413, "at most 65536 bytes are accepted, more than 65536 bytes sent");
            // The rest of the body was read and discarded (INTEROP 25): the connection carries the next request.
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
        }
    }

    // 7. Stray bytes after the body must not poison the next request on a kept-alive connection.
    @Test
    void ignoresStrayCrlfAfterBodyOnKeptAliveConnection() throws Exception {
        byte[] body = Csrs.base64(newCsr(), 64, "\n");
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: " + body.length + "\r\n\r\n")), body, ascii("\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            RawHttps.Response second = raw.read();
            assertThat(second.status()).isEqualTo(200);
            assertThat(Pkcs7.certificates(second.body())).hasSize(1);
        }
    }

    // 8. Credentials only after a challenge, on a new connection.
    @Test
    void challengeThenRetryWithCredentialsOnNewConnectionSucceeds() throws Exception {
        byte[] body = Csrs.base64(newCsr());
        try (RawHttps first = new RawHttps()) {
            first.write(ascii(withoutCredentials(body)), body);
            RawHttps.Response challenge = first.read();
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Basic realm=\"estrealm\"");
        }
        try (RawHttps retry = new RawHttps()) {
            retry.write(ascii(rawEnrollHeaders("Content-Length: " + body.length + "\r\n\r\n")), body);
            assertThat(retry.read().status()).isEqualTo(200);
        }
    }

    // 9. TLS 1.2-only clients, and TLS 1.3.
    @Test
    void servesTls12OnlyClientsWithEcdheAesGcm() throws Exception {
        try (RawHttps raw = new RawHttps("TLSv1.2")) {
            raw.socket().setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.socket().getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void servesTls13() throws Exception {
        try (RawHttps raw = new RawHttps("TLSv1.3")) {
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.socket().getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    // 10. HTTP/1.0 and Connection: close; keep-alive works (see 7).
    @Test
    void answersHttp10AndClosesTheConnection() throws Exception {
        byte[] body = Csrs.base64(newCsr());
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii("POST /.well-known/est/simpleenroll HTTP/1.0\r\nHost: localhost\r\n"
                    + "Content-Type: application/pkcs10\r\nAuthorization: " + EstClient.DEMO_BASIC + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n"), body);
            RawHttps.Response response = raw.read();
            assertThat(response.status()).isEqualTo(200);
            Pkcs7.single(response.body());
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void closesConnectionWhenAskedTo() throws Exception {
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    // 11. Exact Content-Type strings, byte for byte.
    @Test
    void sendsContentTypesByteForByte() throws Exception {
        byte[] body = Csrs.base64(newCsr());
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: " + body.length + "\r\n\r\n")), body);
            RawHttps.Response enrolled = raw.read();
            assertThat(enrolled.rawHeaderLines().get("content-type"))
                    .isEqualTo("Content-Type: application/pkcs7-mime; smime-type=certs-only");
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().rawHeaderLines().get("content-type")).isEqualTo("Content-Type: application/pkcs7-mime");
        }
    }

    // 12. Base64 output wrapped in CRLF lines, with Content-Transfer-Encoding for old clients.
    @Test
    void wrapsBase64OutputIn64ColumnCrlfLines() {
        HttpResponse<byte[]> response = enroll(Csrs.base64(newCsr()), "application/pkcs10");
        String text = new String(response.body(), StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\r\n");
        String[] lines = text.split("\r\n");
        assertThat(lines.length).isGreaterThan(1);
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isBetween(1, 64));
        assertThat(text.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(response.headers().firstValue("Content-Transfer-Encoding")).hasValue("base64");
    }

    // 13. PKCS#7 certs-only is a degenerate SignedData in DER.
    @Test
    void encodesCertsOnlyAsDerWithoutSigners() throws Exception {
        KeyPair keys = TestKeys.ecP256();
        HttpResponse<byte[]> response = enroll(Csrs.base64(Csrs.csr(keys, "CN=der-" + UUID.randomUUID())),
                "application/pkcs10");
        byte[] der = Base64.getMimeDecoder().decode(response.body());
        assertThat(ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER)).isEqualTo(der);
        assertThat(der[1] & 0xff).as("definite length").isNotEqualTo(0x80);
        CMSSignedData signedData = new CMSSignedData(der);
        assertThat(signedData.getSignerInfos().size()).isZero();
        assertThat(signedData.getSignedContent()).isNull();
        assertThat(Pkcs7.single(response.body()).getPublicKey()).isEqualTo(keys.getPublic());
    }

    // 14. Success is 200, not 201.
    @Test
    void answersEnrollmentWith200() {
        assertThat(enroll(Csrs.base64(newCsr()), "application/pkcs10").statusCode()).isEqualTo(200);
    }

    // 21. Limits: a declared oversized body is refused before it is read.
    @Test
    void answersADeclaredOversizedBodyBeforeItIsSentAndThenReadsAndDiscardsIt() throws Exception {
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: 200000\r\n\r\n")));
            RawHttps.Response refused = raw.read(); // not a byte of the body sent yet
            rejections.assertRejected(refused, 413, "at most 65536 bytes are accepted, 200000 bytes declared in "
                    + "Content-Length");
            assertThat(refused.header("Connection")).isNull();
            raw.write(filled(200_000));
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
        }
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'A');
        return bytes;
    }

    // 22. Header names in canonical case: libest finds Content-Length and Content-Type with a byte-exact compare.
    @Test
    void spellsHeaderNamesCanonicallyOnEveryKindOfAnswer() throws Exception {
        byte[] body = Csrs.base64(newCsr());
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: " + body.length + "\r\n\r\n")), body);
            assertThat(raw.read().headerNames()).contains("Content-Length", "Content-Type",
                    "Content-Transfer-Encoding", "X-Request-Id").allMatch(WireFormatTest::canonical);

            raw.write(ascii("GET /.well-known/est/iot/csrattrs HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().headerNames()).contains("Content-Length", "Content-Type")
                    .allMatch(WireFormatTest::canonical);

            raw.write(ascii(withoutCredentials(body)), body);
            assertThat(raw.read().headerNames()).contains("Content-Length", "WWW-Authenticate", "X-Est-Reason")
                    .allMatch(WireFormatTest::canonical);

            byte[] manual = Csrs.base64(newCsr());
            raw.write(ascii("POST /.well-known/est/manual/simpleenroll HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/pkcs10\r\nAuthorization: " + EstClient.DEMO_BASIC + "\r\n"
                    + "Content-Length: " + manual.length + "\r\n\r\n"), manual);
            RawHttps.Response pending = raw.read();
            assertThat(pending.status()).isEqualTo(202);
            assertThat(pending.rawHeaderLines().get("retry-after")).isEqualTo("Retry-After: 10");
            assertThat(pending.headerNames()).contains("Content-Length").allMatch(WireFormatTest::canonical);

            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "\r\n"));
            assertThat(raw.read().headerNames()).contains("Connection", "Content-Length")
                    .allMatch(WireFormatTest::canonical);
        }
    }

    /** Each dash-separated word capitalised, as RFC 9110 writes them; WWW-Authenticate as it is spelled there. */
    private static boolean canonical(String name) {
        return name.equals("WWW-Authenticate") || name.matches("[A-Z][a-z0-9]*(-[A-Z][a-z0-9]*)*");
    }

    // 23. The 401 challenge has an empty body: BouncyCastle's client closes it unread.
    @Test
    void challengesWithAnEmptyBodyAndTheReasonInAHeader() throws Exception {
        byte[] body = Csrs.base64(newCsr());
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(withoutCredentials(body)), body);
            RawHttps.Response challenge = raw.read();
            assertThat(challenge.rawHeaderLines().get("content-length")).isEqualTo("Content-Length: 0");
            assertThat(challenge.rawHeaderLines().get("www-authenticate"))
                    .isEqualTo("WWW-Authenticate: Basic realm=\"estrealm\"");
            rejections.assertRejected(challenge, 401, "authentication required");
        }
    }

    // 25. Early answers must arrive: a client that writes the whole oversized body before it reads gets the 413.
    @Test
    void answersAClientThatWritesTheWholeOversizedBodyBeforeReading() throws Exception {
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: 200000\r\n\r\n")), filled(200_000));
            rejections.assertRejected(raw.read(), 413, "200000 bytes declared in Content-Length");
            raw.write(ascii("GET /.well-known/est/cacerts HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(raw.read().status()).isEqualTo(200);
        }
    }

    /** Beyond est.limits.unread-body-discard (1 MiB) the rest is not read: the answer says the connection closes. */
    @Test
    void closesAfterAnsweringABodyTooLargeToDiscard() throws Exception {
        try (RawHttps raw = new RawHttps()) {
            raw.write(ascii(rawEnrollHeaders("Content-Length: 5000000\r\n\r\n")));
            RawHttps.Response refused = raw.read();
            rejections.assertRejected(refused, 413, "5000000 bytes declared in Content-Length");
            assertThat(refused.rawHeaderLines().get("connection")).isEqualTo("Connection: close");
            try {
                for (int sent = 0; sent < 2_000_000; sent += 65_536) {
                    raw.write(filled(65_536));
                }
            } catch (IOException closed) {
                // The server stopped reading past its bound, as it should.
            }
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
