package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.RelayingEstServer;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * The init-container client {@code deploy/enroll/est-enroll.sh}, run with dash as a pod would run it: its
 * configuration in a directory of files like the operator's bootstrap Secret, its output in another.
 */
@QuarkusTest
class EnrollScriptTest {

    private static final Path SCRIPT = Path.of("../deploy/enroll/est-enroll.sh").toAbsolutePath().normalize();
    /** Every variable the script reads, empty (which it takes as unset) unless a test sets it. */
    private static final List<String> SETTINGS = List.of("EST_BOOTSTRAP_DIR", "EST_OUT_DIR", "EST_URL",
            "EST_CA_BUNDLE", "EST_USERNAME", "EST_PASSWORD", "EST_COMMON_NAME", "EST_DNS_NAMES", "EST_IP_ADDRESSES",
            "EST_URIS", "EST_KEY_TYPE", "EST_RENEW_BEFORE", "EST_MAX_ATTEMPTS", "EST_MAX_WAIT");

    @Inject
    Database database;

    @TempDir
    Path dir;

    private final AdminClient admin = AdminClient.demo();
    private Path bootstrap;
    private Path out;
    private String device;

    @BeforeEach
    void setUp() throws IOException {
        bootstrap = Files.createDirectory(dir.resolve("bootstrap"));
        out = Files.createDirectory(dir.resolve("out"));
        device = "pod-" + UUID.randomUUID();
    }

    /** Writes the bootstrap Secret's files for {@code label} with a fresh credential bound to the device. */
    private String writeBootstrap(String label) throws IOException {
        JsonNode credential = AdminClient.json(admin.post("bootstrap-credentials", "{\"label\": \"" + label
                + "\", \"deviceIdentity\": \"" + device + "\"}"));
        String password = credential.get("password").asText();
        write("username", credential.get("username").asText());
        write("password", password);
        write("url", EstClient.BASE + (label.equals("default") ? "" : label));
        write("commonName", device);
        write("dnsNames", device + ".ns.svc, " + device + ".example");
        write("ipAddresses", "10.1.2.3");
        write("uris", "spiffe://cluster.local/ns/test/sa/" + device);
        Files.copy(TestTls.caFile(), bootstrap.resolve("ca.crt"));
        return password;
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(bootstrap.resolve(file), content + "\n");
    }

    private Shell shell(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>();
        SETTINGS.forEach(name -> environment.put(name, ""));
        environment.put("EST_BOOTSTRAP_DIR", bootstrap.toString());
        environment.put("EST_OUT_DIR", out.toString());
        environment.putAll(settings);
        return new Shell(dir, environment);
    }

    private Shell.Result run(Map<String, String> settings, String command) {
        return shell(settings).run("dash " + SCRIPT + " " + command);
    }

    private Shell.Result run(String command) {
        return run(Map.of(), command);
    }

    private static Shell.Result succeeded(Shell.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    private X509Certificate certificate() {
        return PemFiles.readCertificates(out.resolve("tls.crt")).getFirst();
    }

    private String serial() {
        return TestCertificates.serial(certificate());
    }

    /** Checks the files a workload reads: a private key, its certificate from the CA, the bundle. */
    private void assertInstalled() throws Exception {
        assertThat(Files.getPosixFilePermissions(out.resolve("tls.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(out.resolve("ca.crt"))).isEqualTo(Files.readString(TestTls.caFile()));
        certificate().verify(TestTls.caCertificate().getPublicKey());
        Shell sh = new Shell(out);
        assertThat(sh.ok("openssl x509 -in tls.crt -noout -pubkey")).isEqualTo(sh.ok("openssl pkey -in tls.key "
                + "-pubout"));
        assertThat(sh.ok("openssl x509 -in tls.crt -noout -subject -ext subjectAltName")).contains(
                "subject=CN = " + device, "DNS:" + device + ".ns.svc, DNS:" + device + ".example",
                "IP Address:10.1.2.3", "URI:spiffe://cluster.local/ns/test/sa/" + device);
        assertThat(Files.list(out)).as("no temporary files left").hasSize(3);
    }

    /** EST requests of the device in the audit log (issuing its credential is audited too). */
    private long estRequests() {
        return database.count("select count(*) from enrollment_event where device_identity = ? and operation not "
                + "like 'admin.%'", device);
    }

    @Test
    void enrollsOnceThenLeavesTheFreshCertificateAlone() throws Exception {
        String password = writeBootstrap("default");
        Shell.Result enrolled = succeeded(run("enroll"));
        assertThat(enrolled.output()).doesNotContain(password);
        assertInstalled();
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and operation = "
                + "'simpleenroll' and outcome = 'ISSUED' and auth_method = 'BASIC' and serial = ?", device, serial()))
                .isEqualTo(1);

        String certificate = Files.readString(out.resolve("tls.crt"));
        assertThat(succeeded(run("")).stdout()).contains("not due for renewal; nothing to do");
        assertThat(succeeded(run("renew")).stdout()).contains("not due for renewal");
        assertThat(Files.readString(out.resolve("tls.crt"))).isEqualTo(certificate);
        assertThat(estRequests()).isEqualTo(1);
    }

    @Test
    void renewsADueCertificateWithANewKeyOverMutualTls() throws Exception {
        writeBootstrap("default");
        succeeded(run(Map.of("EST_KEY_TYPE", "rsa-2048"), "enroll"));
        String firstSerial = serial();
        String firstKey = Files.readString(out.resolve("tls.key"));

        // The bootstrap credential is gone, as after a one-time use: renewal needs only the certificate.
        Files.delete(bootstrap.resolve("password"));
        succeeded(run(Map.of("EST_RENEW_BEFORE", "999999999", "EST_KEY_TYPE", "ed25519"), "renew"));
        assertInstalled();
        assertThat(serial()).isNotEqualTo(firstSerial);
        assertThat(Files.readString(out.resolve("tls.key"))).isNotEqualTo(firstKey);
        assertThat(certificate().getPublicKey().getAlgorithm()).isEqualTo("Ed25519");
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and operation = "
                + "'simplereenroll' and outcome = 'ISSUED' and auth_method = 'CLIENT_CERTIFICATE' and serial = ?",
                device, serial())).isEqualTo(1);
    }

    @Test
    void renewsInALoopAsASidecarUntilTerminated() throws Exception {
        writeBootstrap("default");
        succeeded(run("enroll"));
        String firstSerial = serial();
        Process sidecar = shell(Map.of("EST_RENEW_BEFORE", "999999999")).start("exec dash " + SCRIPT
                + " renew --loop 1");
        for (int i = 0; i < 100 && serial().equals(firstSerial); i++) {
            Thread.sleep(100);
        }
        assertThat(serial()).isNotEqualTo(firstSerial);
        sidecar.destroy();
        assertThat(sidecar.waitFor(5, TimeUnit.SECONDS)).as("stops on SIGTERM while it sleeps").isTrue();
        assertThat(sidecar.exitValue()).isEqualTo(143);
    }

    @Test
    void reportsTheServersReasonForAWrongPassword() throws IOException {
        writeBootstrap("default");
        write("password", "not-the-password");
        Shell.Result result = run("enroll");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("simpleenroll refused: HTTP 401: bootstrap credentials for user",
                "not accepted").doesNotContain("not-the-password");
        assertThat(out.resolve("tls.key")).doesNotExist();
    }

    @Test
    void refusesAServerItsBundleDoesNotTrust() throws IOException {
        writeBootstrap("default");
        Files.writeString(bootstrap.resolve("ca.crt"), PemFiles.toPem(TestCertificates.selfSigned("CN=Other CA",
                TestKeys.ecP256())));
        Shell.Result result = run("enroll");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.stderr()).contains("TLS with " + EstClient.BASE.replaceAll("/$", ""), "curl exit 60",
                "check that the CA bundle " + bootstrap.resolve("ca.crt"));
        assertThat(estRequests()).isZero();
    }

    @Test
    void pollsWithTheSameCsrUntilAnOperatorApproves() throws Exception {
        writeBootstrap("manual");
        Process script = shell(Map.of("EST_MAX_WAIT", "1", "EST_MAX_ATTEMPTS", "30"))
                .start("dash " + SCRIPT + " enroll");
        long id = pendingRequest();
        AdminClient.json(admin.post("approvals/" + id + "/approve", null));
        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.exitValue()).as(output).isZero();
        assertThat(output).contains("simpleenroll: HTTP 202:", "stored for manual approval", "retrying in 1 s");
        assertInstalled();
        assertThat(database.count("select count(*) from pending_request where device_identity = ?", device))
                .isEqualTo(1);
    }

    private long pendingRequest() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Object> ids = database.column("select id from pending_request where device_identity = ?", device);
            if (!ids.isEmpty()) {
                return (Long) ids.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the script's request never arrived");
    }

    @Test
    void waitsAsToldOn503AndBacksOffOn429ThenInstallsTheCertificate() throws Exception {
        writeBootstrap("default");
        try (RelayingEstServer front = new RelayingEstServer(List.of(
                new RelayingEstServer.Canned(503, "1", "starting up"),
                new RelayingEstServer.Canned(429, null, "too many requests")))) {
            Shell.Result result = succeeded(run(Map.of("EST_URL", front.base(), "EST_MAX_WAIT", "1"), "enroll"));
            assertThat(result.stdout()).contains("simpleenroll: HTTP 503: starting up; retrying in 1 s (attempt 2 "
                    + "of 10)", "simpleenroll: HTTP 429: too many requests; retrying in 1 s (attempt 3 of 10)");
            assertThat(front.requestBodies()).hasSize(3).allSatisfy(body -> assertThat(body)
                    .isEqualTo(front.requestBodies().getFirst()));
        }
        assertInstalled();
    }

    @Test
    void refusesAnAnswerThatHoldsNoCertificate() throws IOException {
        writeBootstrap("default");
        try (RelayingEstServer front = new RelayingEstServer(List.of(
                new RelayingEstServer.Canned(200, null, "all good")))) {
            Shell.Result result = run(Map.of("EST_URL", front.base()), "enroll");
            assertThat(result.exitCode()).as(result.output()).isEqualTo(6);
            assertThat(result.stderr()).isEqualTo("est-enroll: the answer to simpleenroll is no base64 PKCS#7 "
                    + "certs-only message (Content-Type: text/plain; charset=utf-8)\n");
        }
        assertThat(out.resolve("tls.key")).doesNotExist();
    }

    @Test
    void retriesAnUnreachableServerThenGivesUp() throws IOException {
        writeBootstrap("default");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Shell.Result result = run(Map.of("EST_URL", "https://localhost:" + closedPort + "/.well-known/est",
                "EST_MAX_ATTEMPTS", "2", "EST_MAX_WAIT", "1"), "enroll");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(5);
        assertThat(result.stdout()).contains("retrying in 1 s (attempt 2 of 2)");
        assertThat(result.stderr()).contains("gave up on simpleenroll after 2 attempts", "curl exit 7");
    }

    @Test
    void namesTheMissingSetting() throws IOException {
        writeBootstrap("default");
        Files.delete(bootstrap.resolve("commonName"));
        Shell.Result result = run("enroll");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("est-enroll: missing configuration: set EST_COMMON_NAME or provide "
                + "the file " + bootstrap.resolve("commonName") + "\n");

        assertThat(run(Map.of("EST_CA_BUNDLE", dir.resolve("absent.pem").toString()), "enroll").stderr())
                .contains("CA bundle " + dir.resolve("absent.pem") + " is missing or not readable");
        assertThat(run("renew").stderr()).contains("nothing to renew");
    }

    @Test
    void isPosixShellAndExplainsItself() {
        Shell sh = new Shell(dir);
        sh.ok("dash -n " + SCRIPT);
        for (String linter : List.of("checkbashisms", "shellcheck -s sh")) {
            if (sh.run("command -v " + linter.split(" ")[0]).exitCode() == 0) {
                sh.ok(linter + " " + SCRIPT);
            }
        }
        assertThat(sh.ok("dash " + SCRIPT + " help")).contains("Usage: est-enroll.sh", "EST_BOOTSTRAP_DIR",
                "Exit codes:");
    }
}
