package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Browser;
import dev.estserver.service.support.ConsoleClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * The console in a real browser (Debian's headless Chromium) against the running service and PostgreSQL: what an
 * operator sees and does, and what a forged request gets. Screenshots of every page land in
 * {@code target/console-screenshots/} on every run.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static Browser browser;

    @Inject
    Database database;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @Test
    void anOperatorSignsInAndTheOverviewShowsTheApisNumbers() {
        enrollDevice();
        browser.signIn(adminToken());
        assertThat(browser.path()).isEqualTo("/console/");
        JsonNode stats = AdminClient.json(AdminClient.demo().get("stats"));

        long devices = 0;
        for (JsonNode count : stats.get("devicesByStatus")) {
            devices += count.asLong();
        }
        assertThat(number("#devices-total")).isEqualTo(devices);
        assertThat(number("#expiring-7")).isEqualTo(stats.get("certificatesExpiringWithin7Days").asLong());
        assertThat(number("#expiring-30")).isEqualTo(stats.get("certificatesExpiringWithin30Days").asLong());
        assertThat(number("#pending-approvals")).isEqualTo(stats.get("pendingApprovals").asLong());
        long issued = 0;
        for (JsonNode hour : stats.get("enrollmentsPerHour")) {
            issued += hour.get("count").asLong();
        }
        assertThat(number("#issued-24h")).isEqualTo(issued).isPositive();
        assertThat(browser.text("#role")).isEqualTo("admin");
        assertThat(browser.text("#issuing-cas")).contains("default");
        browser.screenshot("overview");
        browser.open("/console/sign-in");
        browser.screenshot("sign-in");
    }

    @Test
    void anOperatorFindsADeviceAndSuspendsItWithTheAuditNamingWhoDidIt() {
        String identity = enrollDevice();
        browser.signIn(adminToken()).open("/console/devices");
        browser.find("#search-prefix").sendKeys(identity);
        browser.click("form.filters button");
        assertThat(browser.text("#devices")).contains(identity);
        browser.screenshot("devices");

        browser.click("#devices a");
        assertThat(browser.text("h1")).contains(identity);
        assertThat(browser.text("#last-contact")).isNotEqualTo("never");
        assertThat(browser.text("#timeline")).contains("simpleenroll");
        browser.click("#suspend");
        assertThat(browser.text("#device-status")).isEqualTo("SUSPENDED");
        assertThat(browser.text("#done")).isEqualTo("Device suspended.");
        assertThat(browser.text("#timeline")).contains("admin.devices.suspend UPDATED (200) by demo");
        browser.screenshot("device");

        assertThat(database.single("select status from device where identity = ?", identity)).isEqualTo("SUSPENDED");
        assertThat(database.single("""
                select principal from enrollment_event where operation = 'admin.devices.suspend'
                    and device_identity = ? and outcome = 'UPDATED'""", identity)).isEqualTo("demo");
    }

    @Test
    void anOperatorApprovesAHeldRequestAndThePollingDeviceReceivesItsCertificate() throws Exception {
        String identity = "console-approval-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        EstClient device = EstClient.anonymous();
        PKCS10CertificationRequest csr = Csrs.csr(keys, "CN=" + identity);
        assertThat(device.enroll("manual", csr).statusCode()).isEqualTo(202);
        long request = AdminClient.requestOf(AdminClient.json(AdminClient.demo().get("approvals")), identity);

        browser.signIn(adminToken()).click("nav a[href='/console/approvals']");
        assertThat(browser.text("#request-" + request)).contains(identity, "EC P-256");
        browser.screenshot("approvals");
        browser.click("#request-" + request + " button.approve");
        assertThat(browser.text("#done")).startsWith("Request approved");
        assertThat(browser.has("#request-" + request)).isFalse();

        HttpResponse<byte[]> poll = device.enroll("manual", csr);
        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(Pkcs7.single(poll.body()).getSubjectX500Principal().getName()).isEqualTo("CN=" + identity);
        assertThat(database.single("select principal from enrollment_event where operation = 'admin.approve' "
                + "and device_identity = ?", identity)).isEqualTo("demo");
    }

    @Test
    void anOperatorRevokesACertificateFromItsPageAndOpensslOcspSaysRevoked(@TempDir Path dir) throws Exception {
        String identity = "console-revoke-" + UUID.randomUUID();
        X509Certificate certificate = EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(),
                "CN=" + identity));
        String serial = TestCertificates.serial(certificate);
        Shell sh = Shell.withTrustAnchor(dir);
        Files.writeString(dir.resolve("cert.pem"), PemFiles.toPem(certificate));
        String ocsp = "openssl ocsp -issuer ca.pem -cert cert.pem -url " + EstClient.ROOT + "/ocsp -CAfile ca.pem";
        assertThat(sh.ok(ocsp)).contains("cert.pem: good");

        browser.signIn(adminToken()).open("/console/certificates?q=" + identity);
        assertThat(browser.text("#certificates")).contains(serial);
        browser.screenshot("certificates");
        browser.click("#certificates a");
        assertThat(browser.text("#certificate-status")).isEqualTo("GOOD");
        new Select(browser.find("#revoke-reason")).selectByVisibleText("keyCompromise");
        browser.screenshot("certificate");
        browser.click("#revoke");
        assertThat(browser.text("#certificate-status")).isEqualTo("REVOKED");
        assertThat(browser.text("#revoked")).contains("keyCompromise");
        assertThat(browser.has("#revoke")).isFalse();

        assertThat(sh.ok(ocsp)).contains("cert.pem: revoked", "Reason: keyCompromise");
        HttpResponse<String> pem = ConsoleClient.get(browser.cookie(ConsoleClient.SESSION_COOKIE),
                "/console/certificates/" + serial + "/pem");
        assertThat(pem.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + serial
                + ".pem\"");
        assertThat(pem.body()).isEqualTo(PemFiles.toPem(certificate));
    }

    @Test
    void anOperatorIssuesABootstrapCredentialSeesItsPasswordOnceAndRevokesIt() {
        String identity = "console-credential-" + UUID.randomUUID();
        browser.signIn(adminToken()).click("nav a[href='/console/credentials']");
        browser.find("#credential-label").sendKeys("plant-a");
        browser.find("#credential-device").sendKeys(identity);
        browser.click("#issue-credential");
        String username = browser.text("#issued-name");
        String password = browser.text("#issued-secret");
        browser.screenshot("credential-issued");
        assertThat(database.count("select count(*) from credential where username = ? and secret_hash <> ?",
                username, password)).isOne();
        assertThat(enrollWithBasic(identity, username, password).statusCode()).isEqualTo(200);

        browser.open("/console/credentials");
        assertThat(browser.text("#credential-" + username)).contains("plant-a", identity, "usable");
        assertThat(browser.text("main")).doesNotContain(password);
        browser.screenshot("credentials");
        browser.click("#credential-" + username + " button.revoke");
        assertThat(browser.text("#done")).startsWith("Revoked");
        assertThat(browser.text("#credential-" + username)).contains("revoked");
        assertThat(enrollWithBasic(identity, username, password).statusCode()).isEqualTo(401);
    }

    @Test
    void anAuditorReadsTheAuditFilteredByDevice() {
        String identity = enrollDevice();
        browser.signIn(auditorToken()).click("nav a[href='/console/audit']");
        browser.find("#audit-device").sendKeys(identity);
        browser.click("form.filters button");
        assertThat(browser.text("#events")).contains("simpleenroll", "ISSUED (200)", identity, "estuser");
        assertThat(browser.has("form[method=post]:not(.who)")).isFalse();
        browser.screenshot("audit");
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefused() {
        String identity = enrollDevice();
        long id = deviceId(identity);
        browser.signIn(adminToken());
        String session = browser.cookie(ConsoleClient.SESSION_COOKIE);

        HttpResponse<String> missing = ConsoleClient.post(session, "/console/devices/" + id + "/suspend", "");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("the form&#39;s CSRF token is missing");
        HttpResponse<String> wrong = ConsoleClient.post(session, "/console/devices/" + id + "/suspend", "csrf=forged");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("CSRF token is not this session&#39;s");
        assertThat(database.single("select status from device where id = ?", id)).isEqualTo("ACTIVE");
        assertThat(database.count("""
                select count(*) from enrollment_event where request_id = ? and outcome = 'REJECTED'
                    and status_code = 403""", wrong.headers().firstValue("X-Request-Id").orElseThrow())).isOne();
    }

    @Test
    void anAuditorSeesNoActionAndAForgedChangeIsRefusedAsTheApiRefusesIt() {
        String identity = enrollDevice();
        long id = deviceId(identity);
        browser.signIn(auditorToken()).open("/console/devices/" + id);
        assertThat(browser.text("#role")).isEqualTo("auditor");
        assertThat(browser.has(".actions")).isFalse();
        assertThat(browser.has("button#suspend, button#reset, button#delete, button#resume")).isFalse();
        browser.screenshot("device-auditor");

        String csrf = browser.find("form.who input[name=csrf]").getDomAttribute("value");
        HttpResponse<String> forged = ConsoleClient.post(browser.cookie(ConsoleClient.SESSION_COOKIE),
                "/console/devices/" + id + "/suspend", "csrf=" + csrf);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("admin token &#39;test-auditor&#39; has role auditor; "
                + "admin.devices.suspend requires role admin");
        assertThat(database.single("select status from device where id = ?", id)).isEqualTo("ACTIVE");
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        browser.signIn(adminToken());
        String session = browser.cookie(ConsoleClient.SESSION_COOKIE);
        browser.click("#sign-out");
        assertThat(browser.path()).isEqualTo("/console/sign-in");
        assertThat(browser.has("#token")).isTrue();

        browser.open("/console/");
        assertThat(browser.path()).isEqualTo("/console/sign-in");
        HttpResponse<String> replayed = ConsoleClient.get(session, "/console/");
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("this console session was signed out at");
    }

    @Test
    void aWrongTokenIsRefusedOnTheSignInPage() {
        browser.signIn("not-a-token-" + UUID.randomUUID());
        assertThat(browser.text("#problem")).isEqualTo("admin token not recognised");
        assertThat(browser.has("#sign-out")).isFalse();
    }

    private static long number(String css) {
        return Long.parseLong(browser.text(css));
    }

    private static String adminToken() {
        return AdminClient.demoToken(TestTls.DEMO_DIR);
    }

    private static String auditorToken() {
        return ConfigProvider.getConfig().getValue("est.admin.auditor-tokens.test-auditor", String.class);
    }

    private static String enrollDevice() {
        String identity = "console-" + UUID.randomUUID();
        EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=" + identity));
        return identity;
    }

    private static HttpResponse<byte[]> enrollWithBasic(String identity, String username, String password) {
        return EstClient.anonymous().post("plant-a/simpleenroll", "application/pkcs10",
                Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + identity)), "Authorization",
                EstClient.basic(username, password));
    }

    private long deviceId(String identity) {
        return ((Number) database.single("select id from device where identity = ?", identity)).longValue();
    }
}
