package dev.estserver.service.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.RawHttps;
import dev.estserver.service.support.Shell;

/**
 * The listener as the shared test configuration (no channel-binding profile, native providers) runs it: on
 * BoringSSL, seen from the wire by OpenSSL's own client. The EST, TLS and interop tests around it run on the same
 * listener; the channel-binding ones run on the JDK's (support.ChannelBindingProfiles).
 */
@QuarkusTest
class BoringSslListenerTest {

    @TempDir
    Path dir;

    private Shell sh;

    @BeforeEach
    void setUp() {
        sh = Shell.withTrustAnchor(dir);
    }

    private Shell.Result handshake(String options) {
        return sh.run("echo | openssl s_client -connect localhost:" + EstClient.PORT + " -servername localhost "
                + "-verify_hostname localhost -verify_return_error -CAfile ca.pem " + options);
    }

    @Test
    void requestsArriveOnNettysBoringSslEngine() throws Exception {
        String classes;
        try (RawHttps connection = new RawHttps()) {
            connection.write(RawHttps.ascii("GET /test-support/tls HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            classes = connection.read().text();
        }
        assertThat(classes).contains("engine=io.netty.handler.ssl.OpenSslEngine\n",
                "session=io.netty.handler.ssl.ReferenceCountedOpenSslEngine$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_3", "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256",
        "-tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305", "-tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384"})
    void shakesHandsWithForwardSecretAeadSuites(String options) {
        assertThat(handshake(options).output()).contains("Verify return code: 0 (ok)")
                .doesNotContain("Cipher is (NONE)");
    }

    /** Netty's own default list has these; the JDK's stack does not offer them either. */
    @ParameterizedTest
    @ValueSource(strings = {"AES128-GCM-SHA256", "AES128-SHA", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384"})
    void refusesTls12SuitesWithoutForwardSecrecyOrWithCbc(String cipher) {
        assertThat(handshake("-tls1_2 -cipher " + cipher).output()).contains("handshake failure")
                .contains("Cipher is (NONE)");
    }

    @Test
    void refusesTls11() {
        assertThat(handshake("-tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'").output()).contains("Cipher is (NONE)");
    }
}
