package dev.estserver.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;



class HttpAdminApiTest {

    private static final String TOKEN = "s3cret-admin-token";
    private static final String JSON = "application/json";
    private static final String REGISTRATION = """
            {"label":"iot","identity":"dev 1/a","deviceId":"42","status":"ACTIVE","allowedSans":["DNS:a"],
             "validity":"P90D","currentCertificate":{"serial":"0A1B","notBefore":"2026-01-01T00:00:00Z",
             "notAfter":"2026-04-01T00:00:00Z","status":"GOOD"},"createdAt":"2026-01-01T00:00:00Z",
             "updatedAt":"2026-01-01T00:00:00Z","somethingNew":true}""";

    private static final String CHANGES = "{\"items\":[" + REGISTRATION + "],\"nextCursor\":null,"
            + "\"asOf\":\"2026-01-02T00:00:00Z\"}";
    /** The name of the Service, the only one the certificate of a service behind a port-forward holds. */
    private static final String SERVICE_NAME = "est.pki.svc";

    private static final Owner OWNER = new Owner("DeviceEnrollment apps/web", "6f1c-uid");
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static StubService stub;
    private static ServiceConnection service;
    private static StubService portForward;
    private static ServiceConnection portForwarded;
    private final HttpAdminApi api = new HttpAdminApi(MAPPER, 4, Clock.systemUTC(), Optional.empty());

    @BeforeAll
    static void startStub() throws Exception {
        SelfSignedTls tls = SelfSignedTls.forLocalhost();
        stub = new StubService(tls);
        service = new ServiceConnection(stub.base(), stub.base(), TOKEN, tls.pem());
        SelfSignedTls serviceTls = SelfSignedTls.forDnsName(SERVICE_NAME);
        portForward = new StubService(serviceTls);
        URI localhost = URI.create("https://localhost:" + portForward.base().getPort());
        portForwarded = new ServiceConnection(localhost, localhost, TOKEN, serviceTls.pem());
    }

    @AfterAll
    static void stopStub() {
        stub.close();
        portForward.close();
    }

    @Test
    void putsARegistrationAsJsonWithTheBearerTokenAndEncodedPathSegments() throws Exception {
        stub.answers(201, JSON, REGISTRATION);

        RegistrationView view = api.register(service, "iot", "dev 1/a",
                new RegistrationRequest(List.of("DNS:a", "IP:10.0.0.7"), "P90D", false, OWNER));

        StubService.Received request = stub.lastRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.rawPath()).isEqualTo("/api/v1/registrations/iot/dev%201%2Fa");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.contentType()).isEqualTo(JSON);
        assertThat(MAPPER.readValue(request.body(), Map.class)).isEqualTo(Map.of(
                "allowedSans", List.of("DNS:a", "IP:10.0.0.7"), "validity", "P90D", "suspended", false,
                "owner", Map.of("name", "DeviceEnrollment apps/web", "uid", "6f1c-uid")));
        assertThat(view.status()).isEqualTo(RegistrationView.ACTIVE);
        assertThat(view.currentCertificate()).isEqualTo(new RegistrationView.CurrentCertificate("0A1B",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"), "GOOD"));
    }

    @Test
    void sendsNullForTheProfileDefaults() throws Exception {
        stub.answers(200, JSON, REGISTRATION);

        api.register(service, "default", "dev1", new RegistrationRequest(null, null, true, OWNER));

        assertThat(stub.lastRequest().body()).isEqualTo("{\"allowedSans\":null,\"validity\":null,\"suspended\":true,"
                + "\"owner\":{\"name\":\"DeviceEnrollment apps/web\",\"uid\":\"6f1c-uid\"}}");
    }

    @Test
    void deregistersWithReasonCessationOfOperationAsItsOwner() {
        stub.answers(200, JSON, REGISTRATION);

        assertThat(api.deregister(service, "iot", "dev1", "6f1c-uid")).isTrue();
        assertThat(stub.lastRequest().method()).isEqualTo("DELETE");
        assertThat(stub.lastRequest().rawPath()).isEqualTo("/api/v1/registrations/iot/dev1");
        assertThat(stub.lastRequest().rawQuery()).isEqualTo("reason=cessationOfOperation&ownerUid=6f1c-uid");
        assertThat(stub.lastRequest().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void deregisteringAnUnknownDeviceIsAlreadyDone() {
        stub.answers(404, "text/plain", "no device 'dev1' on label 'iot'");

        assertThat(api.deregister(service, "iot", "dev1", "6f1c-uid")).isFalse();
    }

    @Test
    void aRegistrationOfAnotherOwnerIsAConflict() {
        stub.answers(409, "text/plain", "registration 'iot/dev1' belongs to DeviceEnrollment apps/web (uid 6f1c)");

        assertThatThrownBy(() -> api.deregister(service, "iot", "dev1", "other-uid"))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.isConflict()).isTrue();
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("belongs to DeviceEnrollment apps/web");
                });
    }

    @Test
    void readsThePagesOfRegistrationsChangedSinceAMoment() {
        stub.answers(200, JSON, "{\"items\":[" + REGISTRATION + "],\"nextCursor\":\"abc=\","
                + "\"asOf\":\"2026-01-02T00:00:00Z\"}");

        RegistrationChanges page = api.registrationsChangedSince(service, Instant.parse("2026-01-01T00:00:00Z"),
                "abc=");

        assertThat(stub.lastRequest().method()).isEqualTo("GET");
        assertThat(stub.lastRequest().rawPath()).isEqualTo("/api/v1/registrations");
        assertThat(stub.lastRequest().rawQuery())
                .isEqualTo("limit=500&changedSince=2026-01-01T00%3A00%3A00Z&cursor=abc%3D");
        assertThat(page.items()).singleElement().extracting(RegistrationView::deviceId).isEqualTo("42");
        assertThat(page.nextCursor()).isEqualTo("abc=");
        assertThat(page.asOf()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    }

    @Test
    void revokesEveryBootstrapCredentialOfAnOwner() throws Exception {
        stub.answers(200, JSON, "{\"revoked\":[\"a\",\"b\"]}");

        assertThat(api.revokeBootstrapCredentialsOf(service, "6f1c-uid")).containsExactly("a", "b");
        assertThat(stub.lastRequest().rawPath()).isEqualTo("/api/v1/bootstrap-credentials/revoke");
        assertThat(MAPPER.readValue(stub.lastRequest().body(), Map.class)).isEqualTo(Map.of("ownerUid", "6f1c-uid"));
    }

    @Test
    void leavesAServiceAloneAfterItAnswered503AndForLongerWhenItAskedTo() {
        stub.answers(503, "text/plain", "Unable to acquire JDBC Connection", Map.of("Retry-After", "3"));
        assertThatThrownBy(() -> api.registrationsChangedSince(service, null, null)).isInstanceOf(AdminApiException.class);
        int requests = stub.requestCount();
        stub.answers(200, JSON, CHANGES);

        assertThatThrownBy(() -> api.registrationsChangedSince(service, null, null))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("left alone until", "JDBC Connection");
                });
        assertThat(stub.requestCount()).as("nothing sent while paused").isEqualTo(requests);
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(2500)).ignoreExceptions()
                .atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(api.registrationsChangedSince(service, null, null).items()).hasSize(1));
    }

    @Test
    void issuesABootstrapCredentialAndReadsItsPassword() throws Exception {
        stub.answers(201, JSON, """
                {"id":7,"username":"de.ns.dev1.1a2b","password":"pw-123","label":"iot","deviceIdentity":"dev1",
                 "oneTime":true,"expiresAt":"2026-01-08T00:00:00Z","usedAt":null}""");

        IssuedBootstrapCredential issued = api.issueBootstrapCredential(service,
                new BootstrapCredentialRequest("de.ns.dev1.1a2b", "iot", "dev1", true, "P7D", OWNER));

        assertThat(stub.lastRequest().method()).isEqualTo("POST");
        assertThat(stub.lastRequest().rawPath()).isEqualTo("/api/v1/bootstrap-credentials");
        assertThat(MAPPER.readValue(stub.lastRequest().body(), Map.class)).isEqualTo(Map.of("username",
                "de.ns.dev1.1a2b", "label", "iot", "deviceIdentity", "dev1", "oneTime", true, "validity", "P7D",
                "owner", Map.of("name", "DeviceEnrollment apps/web", "uid", "6f1c-uid")));
        assertThat(issued.password()).isEqualTo("pw-123");
        assertThat(issued.toString()).doesNotContain("pw-123");
    }

    @Test
    void revokesABootstrapCredentialByItsEncodedUsername() {
        stub.answers(200, JSON, "{\"username\":\"a b\"}");

        assertThat(api.revokeBootstrapCredential(service, "a b")).isTrue();
        assertThat(stub.lastRequest().method()).isEqualTo("POST");
        assertThat(stub.lastRequest().rawPath()).isEqualTo("/api/v1/bootstrap-credentials/a%20b/revoke");
    }

    @Test
    void revokingAnUnknownOrAlreadyRevokedCredentialIsAlreadyDone() {
        stub.answers(404, "text/plain", "no bootstrap credential named 'x'");
        assertThat(api.revokeBootstrapCredential(service, "x")).isFalse();

        stub.answers(409, "text/plain", "bootstrap credential 'x' was already revoked");
        assertThat(api.revokeBootstrapCredential(service, "x")).isFalse();
    }

    @Test
    void aRefusalCarriesTheStatusAndTheServiceReason() {
        stub.answers(400, "text/plain", "unknown label 'nope'");

        assertThatThrownBy(() -> api.register(service, "nope", "dev1", new RegistrationRequest(null, null, false, OWNER)))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("400", "PUT /api/v1/registrations/nope/dev1",
                            "unknown label 'nope'").doesNotContain(TOKEN);
                });
    }

    @Test
    void anUnavailableServiceIsTransient() {
        stub.answers(503, "text/plain", "database unreachable");

        assertThatThrownBy(() -> api.deregister(service, "iot", "dev1", "6f1c-uid"))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("503", "database unreachable");
                });
    }

    @Test
    void aBundleWithoutCertificatesIsACallThatCannotBeMade() {
        ServiceConnection noTrust = new ServiceConnection(stub.base(), stub.base(), TOKEN, "not a PEM bundle");

        assertThatThrownBy(() -> api.registrationsChangedSince(noTrust, null, null))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(AdminApiException.UNREACHABLE);
                    assertThat(e.getMessage()).contains("CA bundle");
                });
    }

    @Test
    void trustsOnlyTheServicesBundle() throws Exception {
        ServiceConnection strangerTrust = new ServiceConnection(stub.base(), stub.base(), TOKEN,
                SelfSignedTls.forLocalhost().pem());

        assertThatThrownBy(() -> api.registrationsChangedSince(strangerTrust, null, null))
                .isInstanceOfSatisfying(AdminApiException.class,
                        e -> assertThat(e.status()).isEqualTo(AdminApiException.UNREACHABLE));
    }

    @Test
    void aServiceReachedAtLocalhostFailsTheHostNameCheckWithoutAServerName() {
        assertThatThrownBy(() -> api.registrationsChangedSince(portForwarded, null, null))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(AdminApiException.UNREACHABLE);
                    assertThat(e.getMessage()).contains("localhost");
                });
    }

    @Test
    void verifiesTheConfiguredServerNameInsteadOfTheUrlsHost() {
        portForward.answers(200, JSON, CHANGES);

        assertThat(apiVerifying(SERVICE_NAME).registrationsChangedSince(portForwarded, null, null).items())
                .hasSize(1);
        assertThat(portForward.lastRequest().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void refusesACertificateNotIssuedForTheConfiguredServerName() {
        assertThatThrownBy(() -> apiVerifying("est.other.svc").registrationsChangedSince(portForwarded, null, null))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(AdminApiException.UNREACHABLE);
                    assertThat(e.getMessage()).contains("est.other.svc", "[" + SERVICE_NAME + "]");
                });
    }

    @Test
    void theConfiguredServerNameStillTrustsOnlyTheServicesBundle() throws Exception {
        ServiceConnection strangerTrust = new ServiceConnection(portForwarded.httpsBase(),
                portForwarded.managementBase(), TOKEN, SelfSignedTls.forDnsName(SERVICE_NAME).pem());

        assertThatThrownBy(() -> apiVerifying(SERVICE_NAME).registrationsChangedSince(strangerTrust, null, null))
                .isInstanceOfSatisfying(AdminApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(AdminApiException.UNREACHABLE);
                    assertThat(e.getMessage()).contains("PKIX");
                });
    }

    private static HttpAdminApi apiVerifying(String serverName) {
        return new HttpAdminApi(MAPPER, 4, Clock.systemUTC(), Optional.of(serverName));
    }
}
