package dev.estserver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import dev.estserver.service.auth.PasswordHasher;
import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.support.ServiceProcess;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestPorts;
import dev.estserver.service.support.TwoTierPki;

/**
 * The packaged service as operators run it: production mode refuses unsafe or incomplete configuration with a
 * message that names the problem, and demo mode serves EST from a fresh directory.
 */
class PackagedServiceIT {

    private static final Path PKI = Path.of("target/it-pki");
    /** Where native libraries are unpacked to, refusing them as a read-only or noexec directory would. */
    private static final Path NOT_A_DIRECTORY = Path.of("target/it-not-a-directory").toAbsolutePath();
    private static final String DB_URL = "jdbc:postgresql://localhost:5432/" + TestPorts.DATABASE;

    /** Production-mode arguments with a complete CA and TLS configuration and random ports. */
    private static List<String> production(String... extra) {
        DemoPki.ensure(PKI);
        List<String> args = new ArrayList<>(List.of(
                "-Dest.ca.cert-file=" + PKI.resolve(DemoPki.CA_CERT),
                "-Dest.ca.key-file=" + PKI.resolve(DemoPki.CA_KEY),
                "-Dest.tls.cert-file=" + PKI.resolve(DemoPki.TLS_CERT),
                "-Dest.tls.key-file=" + PKI.resolve(DemoPki.TLS_KEY),
                "-Dquarkus.datasource.jdbc.url=" + DB_URL, "-Dquarkus.datasource.username=est",
                "-Dquarkus.datasource.password=est", "-Dquarkus.http.ssl-port=0", "-Dquarkus.management.port=0"));
        args.addAll(List.of(extra));
        return args;
    }

    private record Run(int exitCode, String output) {
    }

    /** Starts the jar and waits for it to exit on its own. */
    private static Run runToExit(List<String> systemProperties) throws Exception {
        ServiceProcess service = ServiceProcess.start(systemProperties);
        return new Run(service.awaitExit(), service.log());
    }

    /** The service exited with an error and said why in one line with {@code reason}, without a stack trace. */
    private static void assertRefused(Run run, String reason) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output().lines()).filteredOn(line -> line.contains("ERROR"))
                .singleElement(InstanceOfAssertFactories.STRING).contains("refusing to start: " + reason);
        assertThat(run.output()).doesNotContain("\tat ");
    }

    @Test
    void refusesTheDemoCredentialInConfigurationOutsideDemoMode() throws Exception {
        Run run = runToExit(production("-Dest.auth.bootstrap-credentials.estuser=estpwd"));
        assertRefused(run, "est.auth.bootstrap-credentials configures the demo credential estuser/estpwd outside "
                + "demo mode");
    }

    @Test
    void refusesTheDemoCredentialInTheDatabaseOutsideDemoMode() throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "est", "est");
                PreparedStatement upsert = db.prepareStatement("insert into credential (kind, username, secret_hash) "
                        + "values ('BOOTSTRAP', 'estuser', ?) on conflict (kind, username) do update set "
                        + "secret_hash = excluded.secret_hash, revoked_at = null")) {
            upsert.setString(1, PasswordHasher.hash("estpwd"));
            upsert.executeUpdate();
        }
        Run run = runToExit(production());
        assertRefused(run, "the database holds the demo credential estuser/estpwd and demo mode is off");
    }

    @Test
    void refusesToStartWithoutCaConfigurationNamingTheProperty() throws Exception {
        Run run = runToExit(List.of("-Dquarkus.datasource.jdbc.url=" + DB_URL, "-Dquarkus.datasource.username=est",
                "-Dquarkus.datasource.password=est", "-Dquarkus.http.ssl-port=0", "-Dquarkus.management.port=0"));
        assertRefused(run, "est.ca.cert-file is not set");
    }

    @Test
    void refusesAProfileNamingAnIssuingCaThatIsNotConfigured() throws Exception {
        Run run = runToExit(production("-Dest.labels.gateways=gateways", "-Dest.profiles.gateways.issuing-ca=nope"));
        assertRefused(run, "est.profiles.gateways.issuing-ca: no issuing CA named 'nope'; configured: [default]");
    }

    @Test
    void refusesAShortAdminToken() throws Exception {
        Run run = runToExit(production("-Dest.admin.tokens.ops=short"));
        assertRefused(run, "est.admin.tokens.ops must be at least 32 characters of random, got 5");
    }

    @Test
    void refusesAnIssuingChainWithTheRootFirstSayingWhereTheIssuingCaIs() throws Exception {
        TwoTierPki pki = TwoTierPki.create(PKI.resolve("two-tier"));
        Path rootFirst = pki.file("root-first.pem", pki.root(), pki.issuing());
        Run run = runToExit(production("-Dest.ca.cert-file=" + rootFirst, "-Dest.ca.key-file=" + pki.keyFile()));
        assertRefused(run, "est.ca.cert-file (" + rootFirst + "): the first certificate must be the issuing CA, "
                + "found CN=Test Root CA first; the key in est.ca.key-file (" + pki.keyFile() + ") belongs to "
                + "certificate 2 (CN=Test Issuing CA): put that one first, then each issuer in turn up to the root");
    }

    @Test
    void refusesABootstrapCredentialBoundToNoLabel() throws Exception {
        Run run = runToExit(production("-Dest.labels.sensors=default",
                "-Dest.auth.bootstrap-credentials.sensors-line=sensors-line-password"));
        assertRefused(run, "bootstrap credential 'sensors-line' is bound to no label, and outside demo mode a "
                + "credential enrolls only on the label it is bound to; set "
                + "est.auth.bootstrap-credential-labels.sensors-line to one of [sensors]");
    }

    @Test
    void refusesALabelBindingForACredentialThatIsNotConfigured() throws Exception {
        Run run = runToExit(production("-Dest.auth.bootstrap-credential-labels.ghost=default"));
        assertRefused(run, "est.auth.bootstrap-credential-labels.ghost binds a credential that "
                + "est.auth.bootstrap-credentials does not configure (configured: [])");
    }

    @Test
    void refusesABootstrapCredentialBoundToALabelThatIsNotServed() throws Exception {
        Run run = runToExit(production("-Dest.labels.sensors=default",
                "-Dest.auth.bootstrap-credentials.sensors-line=sensors-line-password",
                "-Dest.auth.bootstrap-credential-labels.sensors-line=gateways"));
        assertRefused(run, "est.auth.bootstrap-credential-labels.sensors-line: unknown EST label 'gateways'; this "
                + "server serves [sensors]");
    }

    @Test
    void refusesARevocationPortOutOfRange() throws Exception {
        // The listener opens after the data checks, which must pass: another test leaves the demo credential behind.
        Run run = runToExit(production("-Dest.revocation.http.port=70000", "-Dquarkus.flyway.clean-at-start=true",
                "-Dquarkus.flyway.clean-disabled=false"));
        assertRefused(run, "est.revocation.http.port must be a port number from 1 to 65535, got 70000");
    }

    @Test
    void servesEstInDemoModeFromAFreshDirectory() throws Exception {
        Path demo = Files.createTempDirectory("est-demo");
        // The test database, not the demo database that `make run` serves from.
        try (ServiceProcess service = ServiceProcess.start(List.of("-Dquarkus.profile=demo", "-Dest.demo.dir=" + demo,
                "-Dquarkus.datasource.jdbc.url=" + DB_URL, "-Dquarkus.http.ssl-port=8445",
                "-Dquarkus.management.port=9002"))) {
            service.awaitReady(9002);
            Shell sh = new Shell(demo);
            assertThat(Files.readString(demo.resolve("ca-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.getPosixFilePermissions(demo.resolve("ca-key.pem")).toString())
                    .isEqualTo("[OWNER_READ, OWNER_WRITE]");
            sh.ok("curl -sS --fail-with-body --cacert ca.pem https://localhost:8445/.well-known/est/cacerts -o ca.b64");
            assertThat(sh.ok("openssl base64 -d -in ca.b64 | openssl pkcs7 -inform DER -print_certs | openssl x509 "
                    + "-noout -subject")).contains("EST Demo Root CA");
            assertThat(sh.ok("curl -sS http://localhost:9002/q/health/ready")).contains(
                    "\"tls-engine\": \"boringssl: BoringSSL (netty-tcnative)", "\"tls-signature\": \"BoringSSL\"");
            assertThat(service.log().lines().filter(line -> line.contains("TLS:")))
                    .singleElement(InstanceOfAssertFactories.STRING).contains("INFO", "BoringSSL (netty-tcnative) for "
                            + "handshakes and records: the native crypto providers are in use");
        }
    }

    @Test
    void refusesBoringSslBesideAProfileThatNeedsChannelBinding() throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "est", "est");
                PreparedStatement delete = db.prepareStatement("delete from credential where username = 'estuser'")) {
            delete.executeUpdate(); // left by a demo-mode test, it would be refused first
        }
        Run run = runToExit(production("-Dest.tls.engine=boringssl", "-Dest.labels.kiosk=kiosk",
                "-Dest.profiles.kiosk.channel-binding=true"));
        assertRefused(run, "est.tls.engine=boringssl, but profile(s) [kiosk] require channel binding "
                + "(est.profiles.<name>.channel-binding), whose tls-exporter value only the JDK's TLS stack exports; "
                + "use est.tls.engine=auto or jdk");
    }

    /**
     * Where BoringSSL cannot load (here: Netty's directory for native libraries is a file, as a noexec one would
     * refuse it), the service says so once and serves on the JDK's TLS stack, with the native crypto providers.
     */
    @Test
    void servesOnTheJdkTlsStackWhereBoringSslCannotLoadSayingSoOnce() throws Exception {
        Path demo = Files.createTempDirectory("est-demo");
        try (ServiceProcess service = demoWithoutItsDirectory("io.netty.native.workdir", demo, 8449, 9006)) {
            Shell sh = new Shell(demo);
            assertThat(sh.ok("curl -sS --fail-with-body --cacert ca.pem https://localhost:8449/.well-known/est/cacerts "
                    + "-o /dev/null -w '%{http_code}'")).isEqualTo("200");
            assertThat(sh.ok("curl -sS http://localhost:9006/q/health/ready")).contains(
                    "\"tls-engine\": \"jdk: JDK (JSSE); BoringSSL (netty-tcnative) cannot load here\"",
                    "\"tls-engine-fallback\": \"IllegalArgumentException: Failed to load any of the given libraries",
                    "\"tls-signature\": \"AmazonCorrettoCryptoProvider\"");
            assertThat(service.log().lines().filter(line -> line.contains("TLS:")))
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .contains("WARN", "BoringSSL cannot load here", "handshakes run on the JDK's TLS stack",
                            "est.tls.engine=jdk");
        }
    }

    /**
     * Where the native crypto library cannot load (here: its temporary directory is a file, as a read-only or
     * noexec one would refuse it), the service says so once, serves on the JDK's providers, and health says why.
     */
    @Test
    void servesOnTheJdkProvidersWhereTheNativeCryptoLibraryCannotLoadSayingSoOnce() throws Exception {
        Path demo = Files.createTempDirectory("est-demo");
        try (ServiceProcess service = demoWithoutItsDirectory("com.amazon.corretto.crypto.provider.tmpdir", demo, 8446,
                9003)) {
            Shell sh = new Shell(demo);
            String device = "fallback-" + UUID.randomUUID();
            sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out key.pem");
            sh.ok("openssl req -new -key key.pem -subj /CN=" + device + " -out csr.pem");
            assertThat(sh.ok("curl -sS --cacert ca.pem -u estuser:estpwd -H 'Content-Type: application/pkcs10' "
                    + "--data-binary @csr.pem https://localhost:8446/.well-known/est/simpleenroll -o cert.b64 "
                    + "-w '%{http_code}'")).isEqualTo("200");
            assertThat(sh.ok("openssl base64 -d -in cert.b64 | openssl pkcs7 -inform DER -print_certs | "
                    + "openssl x509 -noout -subject")).contains(device);
            assertThat(sh.ok("curl -sS http://localhost:9003/q/health/ready")).contains(
                    "\"providers\": \"jdk: JDK", "\"fallback\": \"AssertionError: Unable to create temporary "
                            + "directory due to IOException: " + NOT_A_DIRECTORY, "\"csr-verification\": \"BC\"",
                    "\"tls-signature\": \"SunEC\"");
            assertThat(service.log().lines().filter(line -> line.contains("Cryptography:")))
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .contains("WARN", "the native library cannot load here (AssertionError: Unable to create "
                            + "temporary directory", "run on the JDK's providers", "est.crypto.provider=jdk");
        }
    }

    /**
     * The service in demo mode, ready, with system property {@code directory} (where a native library is unpacked)
     * naming a file.
     */
    private static ServiceProcess demoWithoutItsDirectory(String directory, Path demo, int sslPort, int managementPort)
            throws Exception {
        if (!Files.exists(NOT_A_DIRECTORY)) {
            Files.createFile(NOT_A_DIRECTORY);
        }
        ServiceProcess service = ServiceProcess.start(List.of("-Dquarkus.profile=demo", "-Dest.demo.dir=" + demo,
                "-D" + directory + "=" + NOT_A_DIRECTORY, "-Dquarkus.datasource.jdbc.url=" + DB_URL,
                "-Dquarkus.http.ssl-port=" + sslPort, "-Dquarkus.management.port=" + managementPort));
        try {
            service.awaitReady(managementPort);
        } catch (Exception | AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }
}
