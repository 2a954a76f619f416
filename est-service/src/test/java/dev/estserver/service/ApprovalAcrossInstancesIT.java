package dev.estserver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.ServiceProcess;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestPorts;

/**
 * Manual approval with two service instances on one database, driven by the real curl and openssl: the request is
 * made on one instance, approved and polled on the other, and the first answers the poll with the same
 * certificate. Nothing the poll needs lives in a process.
 */
class ApprovalAcrossInstancesIT {

    private static final int PORT_A = 8446;
    private static final int PORT_B = 8447;

    private static ServiceProcess instance(Path demo, int port, int managementPort) throws Exception {
        return ServiceProcess.start(List.of("-Dquarkus.profile=demo", "-Dest.demo.dir=" + demo,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5432/" + TestPorts.DATABASE,
                "-Dquarkus.http.ssl-port=" + port, "-Dquarkus.management.port=" + managementPort));
    }

    /** curl against one instance's manual label with the demo credential; prints the status and the Retry-After. */
    private static String enroll(Shell sh, int port, String output) throws Exception {
        return sh.ok("curl -sS --cacert ca.pem -u estuser:estpwd -H 'Content-Type: application/pkcs10' "
                + "--data-binary @csr.b64 -o " + output + " -D headers-" + port + ".txt -w '%{http_code}' "
                + "https://localhost:" + port + "/.well-known/est/manual/simpleenroll");
    }

    private static String serial(Shell sh, String response) throws Exception {
        return sh.ok("openssl base64 -d -in " + response + " | openssl pkcs7 -inform DER -print_certs "
                + "| openssl x509 -noout -serial");
    }

    @Test
    void requestOnOneInstanceIsApprovedAndIssuedOnTheOther() throws Exception {
        Path demo = Files.createTempDirectory("est-two-instances");
        // Generated once up front, so that the two instances do not race to create the demo material.
        DemoPki.ensure(demo);
        Files.writeString(demo.resolve("admin-token"), UUID.randomUUID() + "-" + UUID.randomUUID() + "\n");
        String device = "line-" + UUID.randomUUID();
        Shell sh = new Shell(demo);
        sh.ok("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -subj /CN="
                + device + " -outform DER -out csr.der && openssl base64 -in csr.der -out csr.b64");

        try (ServiceProcess a = instance(demo, PORT_A, 9003); ServiceProcess b = instance(demo, PORT_B, 9004)) {
            a.awaitReady(9003);
            b.awaitReady(9004);

            assertThat(enroll(sh, PORT_A, "first.txt")).isEqualTo("202");
            assertThat(Files.readString(demo.resolve("headers-" + PORT_A + ".txt"))).containsIgnoringCase(
                    "Retry-After: 10");
            assertThat(Files.readString(demo.resolve("headers-" + PORT_A + ".txt")))
                    .contains("stored for manual approval");
            assertThat(enroll(sh, PORT_B, "second.txt")).isEqualTo("202");
            assertThat(Files.readString(demo.resolve("headers-" + PORT_B + ".txt")))
                    .contains("waiting for manual approval");

            String admin = "curl -sS --fail-with-body --cacert ca.pem -H \"Authorization: Bearer $(cat admin-token)\" "
                    + "https://localhost:" + PORT_B + "/api/v1/approvals";
            long id = AdminClient.requestOf(AdminClient.parse(sh.ok(admin)), device);
            assertThat(sh.ok(admin + "/" + id + "/approve -X POST")).contains("\"status\":\"APPROVED\"");

            assertThat(enroll(sh, PORT_B, "issued-b.b64")).isEqualTo("200");
            assertThat(enroll(sh, PORT_A, "issued-a.b64")).isEqualTo("200");
            assertThat(serial(sh, "issued-a.b64")).isEqualTo(serial(sh, "issued-b.b64"));
            sh.ok("openssl base64 -d -in issued-a.b64 | openssl pkcs7 -inform DER -print_certs > cert.pem");
            assertThat(sh.ok("openssl verify -CAfile ca.pem cert.pem")).contains("cert.pem: OK");
            assertThat(sh.ok("openssl x509 -in cert.pem -noout -pubkey | openssl sha256")).isEqualTo(
                    sh.ok("openssl pkey -in key.pem -pubout | openssl sha256"));
        }
    }
}
