package dev.estserver.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.TestPorts;

/**
 * Which provider serves each operation, as health and metrics say, for the provider set the tests run on: the
 * default (auto, which loads the native library on every machine the tests run on) and, in the second test run
 * of the EST, TLS and channel-binding tests, {@code est.crypto.provider=jdk} (see the pom).
 */
@QuarkusTest
class CryptoProviderReportTest {

    private static final String NATIVE = "AmazonCorrettoCryptoProvider";

    private static boolean jdk() {
        return "jdk".equals(ConfigProvider.getConfig().getValue("est.crypto.provider", String.class));
    }

    private static String management(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + TestPorts.MANAGEMENT + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void readinessNamesTheProviderOfEveryOperation() throws Exception {
        String ready = management("/q/health/ready");

        assertThat(ready).contains("\"crypto\"");
        if (jdk()) {
            assertThat(ready).contains("\"providers\": \"jdk: JDK (SunEC, SunRsaSign, SunJCE) and BouncyCastle",
                    "\"csr-verification\": \"BC\"", "\"ca-signature.default\": \"SunEC\"",
                    "\"tls-engine\": \"jdk: JDK (JSSE); est.crypto.provider chose the JDK's providers",
                    "\"tls-ecdhe-x25519\": \"SunEC\"", "\"tls-signature\": \"SunEC\"", "\"tls-cipher\": \"SunJCE\"",
                    "\"tls-client-certificate-check\": \"SunEC\"");
        } else {
            // BoringSSL makes the whole handshake; the service's trust manager checks client chains on the JCA.
            assertThat(ready).contains("\"providers\": \"native: " + NATIVE + " 2.5.0",
                    "\"csr-verification\": \"" + NATIVE + "\"", "\"ca-signature.default\": \"" + NATIVE + "\"",
                    "\"tls-engine\": \"boringssl: BoringSSL (netty-tcnative); the native crypto providers are in "
                            + "use and no profile requires channel binding\"",
                    "\"tls-ecdhe-p256\": \"BoringSSL\"", "\"tls-ecdhe-x25519\": \"BoringSSL\"",
                    "\"tls-signature\": \"BoringSSL\"", "\"tls-cipher\": \"BoringSSL\"",
                    "\"tls-client-certificate-check\": \"" + NATIVE + "\"");
        }
        assertThat(ready).doesNotContain("\"fallback\"", "\"tls-engine-fallback\"");
    }

    @Test
    void metricsLabelEachOperationWithItsProvider() throws Exception {
        String metrics = management("/q/metrics");

        String provider = jdk() ? "BC" : NATIVE;
        assertThat(metrics).contains("est_crypto_provider{operation=\"csr-verification\",provider=\"" + provider
                + "\"} 1.0");
        assertThat(metrics).contains("est_crypto_provider{operation=\"ca-signature.default\",provider=\""
                + (jdk() ? "SunEC" : NATIVE) + "\"} 1.0");
        assertThat(metrics).contains("est_crypto_provider{operation=\"tls-signature\",provider=\""
                + (jdk() ? "SunEC" : "BoringSSL") + "\"} 1.0");
    }
}
