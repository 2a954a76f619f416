package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.ChannelBindingProfiles;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Shell;

/**
 * INTEROP 19 against an independent TLS implementation: {@code openssl s_client} prints the RFC 9266 exporter value
 * of its connection, {@code openssl req} puts it in the challengePassword, and the request goes out on that same
 * connection. Under TLS 1.3 OpenSSL's "no context" equals RFC 9266's empty context, so its value must match ours.
 */
@QuarkusTest
@TestProfile(ChannelBindingProfiles.class)
class ChannelBindingInteropTest {

    /** OpenSSL configuration that turns extended master secret off (RFC 7627), as old TLS 1.2 stacks do. */
    private static final String NO_EXTENDED_MASTER_SECRET = """
            openssl_conf = openssl_init
            [openssl_init]
            ssl_conf = ssl_sect
            [ssl_sect]
            system_default = system_default_sect
            [system_default_sect]
            Options = -ExtendedMasterSecret
            """;

    @TempDir
    Path dir;

    private Shell sh;
    private String name;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("no-ems.cnf"), NO_EXTENDED_MASTER_SECRET);
        sh = Shell.withTrustAnchor(dir);
        sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out key.pem");
        name = "cb-" + UUID.randomUUID();
    }

    /** A CSR made by openssl req with {@code challengePassword} in its attributes section, as base64 DER. */
    private byte[] csrWithChallengePassword(String challengePassword) throws IOException {
        Files.writeString(dir.resolve("req.cnf"), Shell.requestConfig(name, "challengePassword", challengePassword));
        sh.ok("openssl req -new -key key.pem -config req.cnf -outform DER | openssl base64 -A > csr.b64");
        return Files.readAllBytes(dir.resolve("csr.b64"));
    }

    @Test
    void opensslEnrollsWithTheTlsExporterValueOfItsTls13Connection() throws Exception {
        try (OpensslConnection connection = new OpensslConnection("-tls1_3")) {
            byte[] exporter = connection.exporter();
            String response = connection.enroll(csrWithChallengePassword(Base64.getEncoder().encodeToString(exporter)));
            assertThat(response).startsWith("HTTP/1.1 200 ");
            assertThat(response).contains("Content-Type: application/pkcs7-mime; smime-type=certs-only");
        }
    }

    @Test
    void opensslValueOfAnotherConnectionIsRefused() throws Exception {
        byte[] otherConnectionsValue;
        try (OpensslConnection other = new OpensslConnection("-tls1_3")) {
            otherConnectionsValue = other.exporter();
        }
        try (OpensslConnection connection = new OpensslConnection("-tls1_3")) {
            connection.exporter();
            assertThat(connection.enroll(csrWithChallengePassword(
                    Base64.getEncoder().encodeToString(otherConnectionsValue))))
                    .startsWith("HTTP/1.1 403 ")
                    .contains("challengePassword does not match the tls-exporter value of this TLS connection");
        }
    }

    /** RFC 9266 §3: without extended master secret a TLS 1.2 connection has no tls-exporter; the reason says so. */
    @Test
    void tls12WithoutExtendedMasterSecretIsRefusedWithTheReason() throws Exception {
        try (OpensslConnection connection = new OpensslConnection("-tls1_2", "OPENSSL_CONF=no-ems.cnf")) {
            // OpenSSL 3.0 exports keying material without extended master secret; the server must still refuse it.
            byte[] exporter = connection.exporter();
            assertThat(connection.enroll(csrWithChallengePassword(Base64.getEncoder().encodeToString(exporter))))
                    .startsWith("HTTP/1.1 403 ")
                    .contains("this TLS 1.2 connection was negotiated without the extended master secret extension "
                            + "(RFC 7627)", "Exporters require extended master secrets", "connect with TLS 1.3");
        }
    }

    /** One {@code openssl s_client} connection: first its exporter value, then one request on it. */
    private final class OpensslConnection implements AutoCloseable {

        private final Process process;
        private final InputStream out;

        OpensslConnection(String tlsVersion, String... environment) {
            process = sh.start(String.join(" ", environment) + " openssl s_client -connect localhost:" + EstClient.PORT
                    + " -servername localhost -CAfile ca.pem -verify_return_error " + tlsVersion
                    + " -keymatexport EXPORTER-Channel-Binding -keymatexportlen 32 -ign_eof");
            out = process.getInputStream();
        }

        /** What s_client printed as "Keying material" (RFC 5705 without context, under TLS 1.3 the same as empty). */
        byte[] exporter() throws IOException {
            for (String line = line(); line != null; line = line()) {
                String text = line.strip();
                if (text.startsWith("Keying material: ")) {
                    return HexFormat.of().parseHex(text.substring("Keying material: ".length()));
                }
            }
            throw new AssertionError("s_client ended before printing its keying material");
        }

        /** POSTs a CSR with the demo credential and returns everything s_client printed after it. */
        String enroll(byte[] csr) throws Exception {
            OutputStream in = process.getOutputStream();
            in.write(("POST /.well-known/est/bound/simpleenroll HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + EstClient.DEMO_BASIC + "\r\nContent-Type: application/pkcs10\r\nContent-Length: " + csr.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            in.write(csr);
            in.close();
            String rest = new String(out.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("s_client exits after the response").isTrue();
            int response = rest.indexOf("HTTP/1.1 ");
            assertThat(response).as("an HTTP response in:\n%s", rest).isNotNegative();
            return rest.substring(response);
        }

        private String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            for (int b = out.read(); b != -1; b = out.read()) {
                if (b == '\n') {
                    return buffer.toString(StandardCharsets.ISO_8859_1);
                }
                buffer.write(b);
            }
            return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
