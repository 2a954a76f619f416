package dev.estserver.operator.estserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.DatabaseSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.ProfileSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.SecretKeyRef;
import dev.estserver.operator.pki.CertificateFactory;
import dev.estserver.operator.pki.KeyAlgorithm;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.support.TestEstServers;

class ServiceConfigRendererTest {

    private static final String REVOCATION_BASE = "https://est.pki.svc.cluster.local:8443";
    private static final KeyPair CA_KEYS = KeyAlgorithm.EC_P256.generate();
    private static final X509Certificate CA = CertificateFactory.selfSignedCa("CA", CA_KEYS, Duration.ofDays(1));
    private static final CaMaterial NO_ROLLOVER = new CaMaterial("est-ca", List.of(CA), CA_KEYS.getPrivate(),
            Map.of());

    @Test
    void pointsTheServiceAtTheMountedSecretsAndTheOperatorsToken() throws Exception {
        Properties p = rendered(spec(database("db.example", null, null), Map.of(), Map.of()), NO_ROLLOVER);

        assertThat(p).containsEntry("est.ca.cert-file", "/etc/est/ca/tls.crt")
                .containsEntry("est.ca.key-file", "/etc/est/ca/tls.key")
                .containsEntry("est.tls.cert-file", "/etc/est/tls/tls.crt")
                .containsEntry("est.tls.key-file", "/etc/est/tls/tls.key")
                .containsEntry("est.admin.tokens.operator", "${EST_OPERATOR_ADMIN_TOKEN}")
                .containsEntry("est.revocation.base-url", REVOCATION_BASE)
                .doesNotContainKey("est.ca.rollover-cert-files");
    }

    @Test
    void listsTheRolloverCertificatesOfTheCaSecret() throws Exception {
        CaMaterial rotated = new CaMaterial("est-ca", List.of(CA), CA_KEYS.getPrivate(),
                Map.of(CaMaterial.PREVIOUS_KEY, List.of(CA)));

        Properties p = rendered(spec(database("db.example", null, null), Map.of(), Map.of()), rotated);

        assertThat(p).containsEntry("est.ca.rollover-cert-files", "/etc/est/ca/ca-previous.crt");
    }

    @Test
    void buildsTheJdbcUrlFromHostPortAndName() throws Exception {
        assertThat(rendered(spec(database("db.example", 6432, "certs"), Map.of(), Map.of()), NO_ROLLOVER))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example:6432/certs");
    }

    @Test
    void defaultsToPort5432AndDatabaseEst() throws Exception {
        assertThat(rendered(spec(database("db.example", null, null), Map.of(), Map.of()), NO_ROLLOVER))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.example:5432/est");
    }

    @Test
    void takesTheDatabaseUrlAsGiven() throws Exception {
        String url = "jdbc:postgresql://a.example,b.example/est?targetServerType=primary";
        DatabaseSpec database = new DatabaseSpec(url, null, null, null, new SecretKeyRef("db", "username"),
                new SecretKeyRef("db", "password"));

        assertThat(rendered(spec(database, Map.of(), Map.of()), NO_ROLLOVER))
                .containsEntry("quarkus.datasource.jdbc.url", url);
    }

    @Test
    void rendersProfileFieldsWithIsoDurations() throws Exception {
        ProfileSpec iot = new ProfileSpec("90d", List.of("digital-signature", "key-encipherment"),
                List.of("client-auth"), List.of("ec-p256", "rsa-3072"), List.of("basic", "client-certificate"),
                "replace", true, false, null);

        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", iot), Map.of()), NO_ROLLOVER);

        assertThat(p).containsEntry("est.profiles.iot.validity", "PT2160H")
                .containsEntry("est.profiles.iot.key-usage", "digital-signature,key-encipherment")
                .containsEntry("est.profiles.iot.extended-key-usage", "client-auth")
                .containsEntry("est.profiles.iot.allowed-keys", "ec-p256,rsa-3072")
                .containsEntry("est.profiles.iot.auth-methods", "basic,client-certificate")
                .containsEntry("est.profiles.iot.duplicate-device", "replace")
                .containsEntry("est.profiles.iot.approval.required", "true")
                .containsEntry("est.profiles.iot.serverkeygen.enabled", "false");
    }

    @Test
    void leavesUnsetProfileFieldsToTheService() throws Exception {
        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of())),
                Map.of()), NO_ROLLOVER);

        assertThat(p.stringPropertyNames()).noneMatch(name -> name.startsWith("est.profiles.iot."));
    }

    @Test
    void passesProfilePropertiesVerbatim() throws Exception {
        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of(
                "subject.required", "CN", "san.dns.pattern", "^[a-z0-9-]+\\.devices\\.example$"))), Map.of()),
                NO_ROLLOVER);

        assertThat(p).containsEntry("est.profiles.iot.subject.required", "CN")
                .containsEntry("est.profiles.iot.san.dns.pattern", "^[a-z0-9-]+\\.devices\\.example$");
    }

    @Test
    void mapsLabelsToTheirProfilesAndToTheDefaultProfile() throws Exception {
        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of())),
                Map.of("sensors", "iot", "gateways", "default")), NO_ROLLOVER);

        assertThat(p).containsEntry("est.labels.sensors", "iot").containsEntry("est.labels.gateways", "default");
    }

    @Test
    void servesTheUnlabeledPathThatDeviceEnrollmentsWithoutALabelUse() throws Exception {
        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of())),
                Map.of("sensors", "iot")), NO_ROLLOVER);

        assertThat(p).as("production mode serves the unlabeled path only when configured")
                .containsEntry("est.labels.default", "default");
        assertThat(rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of())),
                Map.of("default", "iot")), NO_ROLLOVER)).containsEntry("est.labels.default", "iot");
    }

    @Test
    void escapesValuesSoThatPropertiesReadsBackTheOriginal() throws Exception {
        String awkward = "  C:\\certs\\n is not a newline\nsecond line\r\nthird\ttab, \u00e9t\u00e9 # not a comment";

        Properties p = rendered(spec(database("db.example", null, null), Map.of("iot", profile(Map.of(
                "subject.organization", awkward))), Map.of()), NO_ROLLOVER);

        assertThat(p.getProperty("est.profiles.iot.subject.organization")).isEqualTo(awkward);
    }

    @Test
    void rejectsALabelNamingAnUnknownProfile() {
        assertInvalid(spec(database("db.example", null, null), Map.of("iot", profile(Map.of())),
                Map.of("sensors", "iotx")), "spec.labels.sensors names profile 'iotx', which is not in spec.profiles");
    }

    @Test
    void rejectsAProfileNameTheServiceCannotUse() {
        assertInvalid(spec(database("db.example", null, null), Map.of("IoT_Profile", profile(Map.of())), Map.of()),
                "spec.profiles.IoT_Profile: 'IoT_Profile' must be lower-case letters, digits and '-'");
    }

    @Test
    void rejectsALabelNameTheServiceCannotUse() {
        assertInvalid(spec(database("db.example", null, null), Map.of(), Map.of("-sensors", "default")),
                "spec.labels.-sensors: '-sensors' must be lower-case letters, digits and '-'");
    }

    @Test
    void rejectsAPropertyNameThatWouldBreakTheFile() {
        assertInvalid(spec(database("db.example", null, null), Map.of("iot", profile(Map.of(
                "validity=P1D\nest.profiles.iot.x", "y"))), Map.of()),
                "spec.profiles.iot.properties: 'validity=P1D\nest.profiles.iot.x' is not a property name");
    }

    @Test
    void rejectsAProfileValidityNamingTheField() {
        ProfileSpec bad = new ProfileSpec("forever", null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> ServiceConfigRenderer.render(server(spec(database("db.example", null, null),
                Map.of("iot", bad), Map.of())), NO_ROLLOVER, REVOCATION_BASE))
                .isInstanceOfSatisfying(InvalidSpec.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_DURATION);
                    assertThat(e.getMessage()).startsWith("spec.profiles.iot.validity ");
                });
    }

    private static void assertInvalid(EstServerSpec spec, String messageStart) {
        assertThatThrownBy(() -> ServiceConfigRenderer.render(server(spec), NO_ROLLOVER, REVOCATION_BASE))
                .isInstanceOfSatisfying(InvalidSpec.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SPEC);
                    assertThat(e.getMessage()).startsWith(messageStart);
                });
    }

    private static Properties rendered(EstServerSpec spec, CaMaterial ca) throws InvalidSpec, IOException {
        String text = ServiceConfigRenderer.render(server(spec), ca, REVOCATION_BASE);
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static EstServer server(EstServerSpec spec) {
        return TestEstServers.withSpec("pki", "est", spec);
    }

    private static EstServerSpec spec(DatabaseSpec database, Map<String, ProfileSpec> profiles,
            Map<String, String> labels) {
        return new EstServerSpec(null, 1, null, TestEstServers.generatedCa().ca(), null, database, profiles, labels,
                null, null, null);
    }

    private static DatabaseSpec database(String host, Integer port, String name) {
        return new DatabaseSpec(null, host, port, name, new SecretKeyRef("db", "username"),
                new SecretKeyRef("db", "password"));
    }

    private static ProfileSpec profile(Map<String, String> properties) {
        return new ProfileSpec(null, null, null, null, null, null, null, null, properties);
    }
}
