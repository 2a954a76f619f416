package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.ProductionMode;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

/**
 * Production mode binds every credential to its label (issue 16: a credential configured in properties was bound to
 * none, and enrolled {@code CN=anything} for a year on the unlabeled path, past the sensors profile's CN pattern and
 * 30 days). The setup is the one a platform engineer tried: sensors and gateways labels, one credential per label,
 * and the unlabeled path opened explicitly.
 */
@QuarkusTest
@TestProfile(CredentialBindingTest.SensorsAndGateways.class)
class CredentialBindingTest {

    private static final String SENSORS_PASSWORD = "sensors-line-password-not-a-secret";

    public static class SensorsAndGateways extends ProductionMode {
        @Override
        protected Map<String, String> configuration() {
            return Map.ofEntries(
                    Map.entry("est.labels.sensors", "sensors"),
                    Map.entry("est.profiles.sensors.validity", "P30D"),
                    Map.entry("est.profiles.sensors.allowed-keys", "ec-p256,ec-p384"),
                    Map.entry("est.profiles.sensors.subject.required", "CN"),
                    Map.entry("est.profiles.sensors.subject.patterns.CN", "sensor-[0-9]+"),
                    Map.entry("est.labels.gateways", "gateways"),
                    Map.entry("est.profiles.gateways.allowed-keys", "ec-p256"),
                    Map.entry("est.labels.default", "default"),
                    Map.entry("est.auth.bootstrap-credentials.sensors-line", SENSORS_PASSWORD),
                    Map.entry("est.auth.bootstrap-credential-labels.sensors-line", "sensors"));
        }
    }

    @Inject
    Rejections rejections;

    @Inject
    Database database;

    private final EstClient client = EstClient.anonymous();
    private final AdminClient admin = AdminClient.of(TestPorts.HTTPS, "Bearer " + ProductionMode.ADMIN_TOKEN);

    private HttpResponse<byte[]> enroll(String path, String subject, String user, String password) {
        return client.post(path, "application/pkcs10", Csrs.base64(Csrs.csr(TestKeys.ecP256(), subject)),
                "Authorization", EstClient.basic(user, password));
    }

    @Test
    void aSensorsCredentialEnrollsOnSensorsWithinTheSensorsProfile() throws Exception {
        HttpResponse<byte[]> response = enroll("sensors/simpleenroll", "CN=sensor-17", "sensors-line",
                SENSORS_PASSWORD);

        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        X509Certificate issued = Pkcs7.certificates(response.body()).getFirst();
        assertThat(Duration.between(issued.getNotBefore().toInstant(), issued.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofDays(30).plusMinutes(5));
        rejections.assertRejected(enroll("sensors/simpleenroll", "CN=anything", "sensors-line", SENSORS_PASSWORD),
                400, "CN", "sensor-[0-9]+");
    }

    @Test
    void aSensorsCredentialIsRefusedOnTheUnlabeledPath() {
        rejections.assertRejected(enroll("simpleenroll", "CN=anything", "sensors-line", SENSORS_PASSWORD), 401,
                "bootstrap credential 'sensors-line' is for label 'sensors', not for label 'default'");
    }

    @Test
    void aSensorsCredentialIsRefusedOnGateways() {
        rejections.assertRejected(enroll("gateways/simpleenroll", "CN=gw-1", "sensors-line", SENSORS_PASSWORD), 401,
                "bootstrap credential 'sensors-line' is for label 'sensors', not for label 'gateways'");
    }

    @Test
    void theAdminApiIssuesNoCredentialWithoutALabel() {
        HttpResponse<byte[]> response = admin.post("bootstrap-credentials", "{\"validity\": \"P1D\"}");

        rejections.assertRejected(response, 400, "a bootstrap credential must name the label it enrolls on",
                "[default, gateways, sensors]");
        rejections.assertRejected(admin.post("one-time-codes", "{\"validity\": \"PT1H\"}"), 400,
                "a one-time code must name the label it enrolls on");
    }

    @Test
    void aCredentialBoundToNoLabelInTheDatabaseIsRefused() {
        HttpResponse<byte[]> issued = admin.post("bootstrap-credentials",
                "{\"label\": \"gateways\", \"validity\": \"P1D\"}");
        String username = AdminClient.json(issued).get("username").asText();
        String password = AdminClient.json(issued).get("password").asText();
        // As an admin-API credential issued before labels were required, or in demo mode, would be stored.
        database.update("update credential set label = null where username = ?", username);

        rejections.assertRejected(enroll("gateways/simpleenroll", "CN=gw-2", username, password), 401,
                "bootstrap credential '" + username + "' is bound to no label, and outside demo mode a credential "
                        + "enrolls only on the label it is bound to; revoke it and issue one with a label");
    }
}
