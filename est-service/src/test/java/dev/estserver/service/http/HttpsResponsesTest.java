package dev.estserver.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.ManagementClient;

/** What every HTTPS response gets on its way out, whoever wrote it. */
@QuarkusTest
class HttpsResponsesTest {

    private static final String HSTS = "Strict-Transport-Security";

    @Test
    void sendsHstsOnEstAdminAndErrorResponses() {
        EstClient est = EstClient.anonymous();
        assertThat(est.get("cacerts").headers().firstValue(HSTS)).hasValue("max-age=31536000");
        assertThat(est.get("no-such-label/cacerts").headers().firstValue(HSTS)).hasValue("max-age=31536000");
        HttpResponse<byte[]> admin = AdminClient.demo().get("devices");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue(HSTS)).hasValue("max-age=31536000");
        assertThat(est.getUrl(EstClient.ROOT + "/no/such/path").headers().firstValue(HSTS)).isPresent();
    }

    /** RFC 6797 §7.2: never over plain HTTP, which the management port (health, metrics) speaks. */
    @Test
    void sendsNoHstsOnTheManagementPort() {
        HttpResponse<byte[]> health = ManagementClient.get("/q/health/live");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue(HSTS)).isEmpty();
    }
}
