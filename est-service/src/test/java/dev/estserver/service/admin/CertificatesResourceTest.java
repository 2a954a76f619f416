package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** Issued certificates through the admin API: paged lists with filters, JSON and PEM, revocation. */
@QuarkusTest
class CertificatesResourceTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();

    /** Every serial of a list of certificates, in pages of {@code limit}. */
    private List<String> allPages(String query, int limit) {
        return admin.allPages("certificates?" + query + "&limit=" + limit, "serial");
    }

    @Test
    void pagesAndFiltersCertificatesInSerialOrder() {
        FleetRows rows = new FleetRows(database);
        String label = FleetRows.label();
        String prefix = "certs-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> all = new ArrayList<>();
        List<String> soon = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long device = rows.device(label, prefix + "-" + i, "ACTIVE");
            String serial = rows.certificate(device, label, Instant.now().plus(i < 2 ? 3 : 90, ChronoUnit.DAYS),
                    i == 4 ? "REVOKED" : "GOOD");
            all.add(serial);
            if (i < 2) {
                soon.add(serial);
            }
        }
        long otherDevice = rows.device(FleetRows.label(), prefix + "-other", "ACTIVE");
        rows.certificate(otherDevice, "elsewhere", Instant.now().plus(1, ChronoUnit.DAYS), "GOOD");

        assertThat(allPages("label=" + label, 2)).containsExactlyElementsOf(all.stream().sorted().toList());
        assertThat(allPages("label=" + label + "&status=revoked", 2)).containsExactly(all.get(4));
        assertThat(allPages("label=" + label + "&expiringBefore=" + Instant.now().plus(10, ChronoUnit.DAYS), 2))
                .containsExactlyElementsOf(soon.stream().sorted().toList());
        assertThat(allPages("q=" + prefix + "-3", 2)).containsExactly(all.get(3));
        assertThat(allPages("deviceId=" + otherDevice, 2)).hasSize(1);
    }

    /** A device enrolled over EST: its name, key and certificate. */
    private record Enrolled(String name, KeyPair keys, X509Certificate certificate) {

        String serial() {
            return TestCertificates.serial(certificate);
        }

        HttpResponse<byte[]> reenroll() {
            return EstClient.withCertificate(keys, certificate).reenroll(null, Csrs.csr(keys, "CN=" + name));
        }
    }

    private static Enrolled enrolled() {
        String name = "certificate-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        return new Enrolled(name, keys, EstClient.anonymous().enrolled(null, Csrs.csr(keys, "CN=" + name)));
    }

    private static X509Certificate parsePem(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        assertThat(EstClient.text(response)).startsWith("-----BEGIN CERTIFICATE-----");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(response.body()));
    }

    @Test
    void showsACertificateAsJsonAndDownloadsItAsPem() throws Exception {
        Enrolled device = enrolled();

        JsonNode json = AdminClient.json(admin.get("certificates/" + device.serial()));
        assertThat(json.get("subject").asText()).isEqualTo("CN=" + device.name());
        assertThat(json.get("status").asText()).isEqualTo("GOOD");
        assertThat(json.get("notAfter").asText()).isNotBlank();
        assertThat(json.has("der")).isFalse();

        assertThat(parsePem(admin.get("certificates/" + device.serial(), "application/x-pem-file")))
                .isEqualTo(device.certificate());
        // As openssl x509 -serial prints it: a leading zero may pad it to an even number of digits.
        assertThat(AdminClient.json(admin.get("certificates/0" + device.serial())).get("serial").asText())
                .isEqualTo(device.serial());
        assertThat(parsePem(admin.get("certificates/" + device.serial().toLowerCase() + "/pem")))
                .isEqualTo(device.certificate());
        assertThat(parsePem(AdminClient.auditor().get("certificates/" + device.serial() + "/pem")))
                .isEqualTo(device.certificate());
        rejections.assertRejected(admin.get("certificates/00DEAD"), 404, "no certificate with serial 00DEAD");
    }

    @Test
    void aCertificateRevokedThroughTheApiCannotReenroll() {
        Enrolled device = enrolled();

        JsonNode revoked = AdminClient.json(admin.post("certificates/" + device.serial() + "/revoke",
                "{\"reason\": \"keyCompromise\"}"));
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("revocationReason").asText()).isEqualTo("keyCompromise");
        assertThat(database.single("select status from certificate where serial = ?", device.serial()))
                .isEqualTo("REVOKED");
        assertThat(database.single("select revocation_reason from certificate where serial = ?", device.serial()))
                .isEqualTo(1);
        assertThat(database.count("select count(*) from enrollment_event where operation = 'admin.certificates.revoke'"
                + " and outcome = 'REVOKED' and serial = ? and device_identity = ? and principal = 'demo'",
                device.serial(), device.name())).isEqualTo(1);

        rejections.assertRejected(device.reenroll(), 403, "serial " + device.serial(), "was revoked at");
        rejections.assertRejected(admin.post("certificates/" + device.serial() + "/revoke",
                "{\"reason\": \"superseded\"}"), 409, "certificate serial " + device.serial()
                + " is already revoked: since", "reason keyCompromise");
    }

    @Test
    void aDeviceWhoseCurrentCertificateWasRevokedIsPendingAndMayEnrollAgain() {
        Enrolled device = enrolled();
        assertThat(database.single("select status from device where identity = ?", device.name()))
                .isEqualTo("ACTIVE");

        AdminClient.json(admin.post("certificates/" + device.serial() + "/revoke", "{\"reason\": \"keyCompromise\"}"));

        assertThat(database.single("select status from device where identity = ?", device.name()))
                .as("it holds no valid certificate any more").isEqualTo("PENDING");
        assertThat(database.single("select current_certificate_serial from device where identity = ?",
                device.name())).as("the registration still shows which certificate was revoked")
                .isEqualTo(device.serial());
        KeyPair newKeys = TestKeys.ecP256();
        X509Certificate again = EstClient.anonymous().enrolled(null, Csrs.csr(newKeys, "CN=" + device.name()));
        assertThat(database.single("select status from device where identity = ?", device.name()))
                .isEqualTo("ACTIVE");
        assertThat(database.single("select replaces_serial from certificate where serial = ?",
                TestCertificates.serial(again))).isEqualTo(device.serial());
    }

    @Test
    void aRevocationNeedsAnRfc5280Reason() {
        Enrolled device = enrolled();
        rejections.assertRejected(admin.post("certificates/" + device.serial() + "/revoke", "{}"), 400,
                "a revocation needs an RFC 5280 reason");
        rejections.assertRejected(admin.post("certificates/" + device.serial() + "/revoke",
                "{\"reason\": \"stolen\"}"), 400, "revocation reason 'stolen' is not one of",
                "keyCompromise", "(RFC 5280 CRLReason)");
        assertThat(database.single("select status from certificate where serial = ?", device.serial()))
                .isEqualTo("GOOD");
    }
}
