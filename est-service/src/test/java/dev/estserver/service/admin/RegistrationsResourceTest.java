package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/**
 * Devices registered through the admin API before they enroll (as the Kubernetes operator does): the upsert, what
 * enrollment then enforces (allowed SANs, a shorter validity, suspension), the owner that no one else may take the
 * registration from, and the delete that revokes.
 */
@QuarkusTest
class RegistrationsResourceTest {

    private static final String OWNER = "DeviceEnrollment apps/a1";

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final AdminClient admin = AdminClient.demo();
    private final String identity = "registered-" + UUID.randomUUID();
    /** The device on the unlabeled path, whose profile issues for P365D and has no SAN rules. */
    private final String path = "registrations/default/" + identity;
    private final KeyPair keys = TestKeys.ecP256();

    private HttpResponse<byte[]> enroll(String... dnsNames) {
        return EstClient.anonymous().enroll(null, Csrs.csr(keys, "CN=" + identity, dnsNames));
    }

    private X509Certificate enrolled(String... dnsNames) {
        HttpResponse<byte[]> response = enroll(dnsNames);
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        return Pkcs7.single(response.body());
    }

    private JsonNode registration() {
        return AdminClient.json(admin.get(path));
    }

    /** The owner member of a registration body. */
    private static String owner(String name, String uid) {
        return "\"owner\": {\"name\": \"" + name + "\", \"uid\": \"" + uid + "\"}";
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    private static void assertOwner(JsonNode registration, String name, String uid) {
        assertThat(registration.get("owner").get("name").asText()).isEqualTo(name);
        assertThat(registration.get("owner").get("uid").asText()).isEqualTo(uid);
    }

    @Test
    void putCreatesAPendingDeviceThenUpdatesIt() {
        rejections.assertRejected(admin.get(path), 404, "no device '" + identity + "' on label 'default'");

        HttpResponse<byte[]> created = admin.put(path,
                "{\"allowedSans\": [\"DNS:app.example.com\", \"IP:10.0.0.7\"], \"validity\": \"P90D\"}");
        assertThat(created.statusCode()).as(EstClient.text(created)).isEqualTo(201);
        JsonNode view = AdminClient.json(created);
        assertThat(view.get("label").asText()).isEqualTo("default");
        assertThat(view.get("identity").asText()).isEqualTo(identity);
        assertThat(view.get("status").asText()).isEqualTo("PENDING");
        assertThat(view.get("allowedSans")).extracting(JsonNode::asText)
                .containsExactly("DNS:app.example.com", "IP:10.0.0.7");
        assertThat(view.get("validity").asText()).isEqualTo("P90D");
        assertThat(view.get("currentCertificate").isNull()).isTrue();
        assertThat(Instant.parse(view.get("createdAt").asText()))
                .isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        assertThat(database.single("select id from device where label = 'default' and identity = ?", identity))
                .isEqualTo(view.get("deviceId").asLong());

        HttpResponse<byte[]> updated = admin.put(path, "{\"validity\": \"PT36H\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(AdminClient.json(updated).get("allowedSans").isNull()).isTrue();
        assertThat(registration().get("validity").asText()).isEqualTo("PT36H");
        assertThat(admin.put(path, "{\"allowedSans\": []}").statusCode()).isEqualTo(200);
        assertThat(registration().get("allowedSans")).isEmpty();
        assertThat(registration().get("validity").isNull()).isTrue();

        assertThat(database.column("select outcome from enrollment_event where device_identity = ? "
                + "and operation = 'admin.registrations.register' order by id", identity))
                .containsExactly("CREATED", "UPDATED", "UPDATED");
    }

    @Test
    void refusesAnUnknownLabelNamingTheLabelsServed() {
        rejections.assertRejected(admin.put("registrations/nowhere/" + identity, "{}"), 404,
                "unknown EST label 'nowhere'; this server serves [", "iot");
        assertThat(database.count("select count(*) from device where identity = ?", identity)).isZero();
    }

    @Test
    void refusesBadSansAndValiditiesNamingTheFieldAndValue() {
        rejections.assertRejected(admin.put(path, "{\"allowedSans\": [\"dns:app.example.com\"]}"), 400,
                "allowedSans: 'dns:app.example.com' must start with one of [DNS:, IP:, URI:, email:]");
        rejections.assertRejected(admin.put(path, "{\"allowedSans\": [\"RID:1.2.3\"]}"), 400,
                "allowedSans: 'RID:1.2.3' must start with one of");
        rejections.assertRejected(admin.put(path, "{\"allowedSans\": [\"DNS:\"]}"), 400,
                "allowedSans: 'DNS:' has no value after DNS:");
        rejections.assertRejected(admin.put(path, "{\"allowedSans\": [\"IP:10.0.0.300\"]}"), 400,
                "allowedSans: 'IP:10.0.0.300' is not an IPv4 or IPv6 address literal");
        rejections.assertRejected(admin.put(path, "{\"validity\": \"90 days\"}"), 400,
                "validity must be an ISO-8601 duration such as P7D or PT12H, got '90 days'");
        rejections.assertRejected(admin.put(path, "{\"validity\": \"-P1D\"}"), 400,
                "validity must be positive, got '-P1D'");
        rejections.assertRejected(admin.put(path, "{\"validity\": \"PT0S\"}"), 400,
                "validity must be positive, got 'PT0S'");
        assertThat(database.count("select count(*) from device where identity = ?", identity)).isZero();
    }

    @Test
    void anAuditorMayReadARegistrationButNotChangeIt() {
        assertThat(admin.put(path, "{}").statusCode()).isEqualTo(201);
        AdminClient auditor = AdminClient.auditor();

        assertThat(AdminClient.json(auditor.get(path)).get("status").asText()).isEqualTo("PENDING");
        rejections.assertRejected(auditor.put(path, "{\"suspended\": true}"), 403,
                "admin token 'test-auditor' has role auditor; admin.registrations.register requires role admin");
        rejections.assertRejected(auditor.delete(path), 403, "admin.registrations.delete requires role admin");
        assertThat(registration().get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void enrollmentIsRefusedForASanOutsideTheAllowedOnesAndIssuedWithinThem() {
        admin.put(path, "{\"allowedSans\": [\"DNS:app.example.com\", \"DNS:api.example.com\"]}");

        rejections.assertRejected(enroll("app.example.com", "db.example.com"), 403, "device '" + identity
                + "' on label 'default' is registered with allowed SANs [DNS:app.example.com, DNS:api.example.com]; "
                + "the CSR asks for DNS:db.example.com (admin API /api/v1/registrations)");
        assertThat(database.count("select count(*) from certificate c join device d on d.id = c.device_id "
                + "where d.identity = ?", identity)).as("nothing recorded").isZero();

        X509Certificate issued = enrolled("APP.example.com", "api.example.com");
        JsonNode current = registration().get("currentCertificate");
        assertThat(current.get("serial").asText()).isEqualTo(TestCertificates.serial(issued));
        assertThat(Instant.parse(current.get("notAfter").asText())).isEqualTo(issued.getNotAfter().toInstant());
        assertThat(Instant.parse(current.get("notBefore").asText())).isEqualTo(issued.getNotBefore().toInstant());
        assertThat(current.get("status").asText()).isEqualTo("GOOD");
        assertThat(registration().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void anEmptySanListAllowsOnlyCsrsWithoutSans() {
        admin.put(path, "{\"allowedSans\": []}");

        rejections.assertRejected(enroll("app.example.com"), 403, "is registered with allowed SANs []; the CSR asks "
                + "for DNS:app.example.com");
        enrolled();
    }

    @Test
    void theRegisteredValidityShortensTheProfilesAndTheShorterOfTheTwoWins() {
        admin.put(path, "{\"validity\": \"P2D\"}");
        X509Certificate twoDays = enrolled();
        assertThat(twoDays.getNotAfter().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(2)), within(1, ChronoUnit.MINUTES));

        admin.put(path, "{\"validity\": \"P3650D\"}");
        X509Certificate renewed = Pkcs7.single(EstClient.withCertificate(keys, twoDays)
                .reenroll(null, Csrs.csr(keys, "CN=" + identity)).body());
        assertThat(renewed.getNotAfter().toInstant()).as("the profile's P365D")
                .isCloseTo(Instant.now().plus(Duration.ofDays(365)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void aSuspendedRegistrationRefusesEnrollmentUntilUnsuspended() {
        assertThat(AdminClient.json(admin.put(path, "{\"suspended\": true}")).get("status").asText())
                .isEqualTo("SUSPENDED");
        assertThat(admin.put(path, "{\"suspended\": true}").statusCode()).as("suspending again is harmless")
                .isEqualTo(200);
        rejections.assertRejected(enroll(), 403, "device '" + identity + "' is suspended");

        assertThat(AdminClient.json(admin.put(path, "{\"suspended\": false}")).get("status").asText())
                .as("no certificate yet").isEqualTo("PENDING");
        enrolled();
        assertThat(registration().get("status").asText()).isEqualTo("ACTIVE");

        assertThat(database.column("select reason from enrollment_event where device_identity = ? and outcome = "
                + "'UPDATED' and operation = 'admin.registrations.register' and reason not like 'registration%' "
                + "order by id", identity)).containsExactly("suspended", "resumed");
    }

    @Test
    void deleteRevokesTheCertificatesAndARepeatedPutBringsTheDeviceBack() {
        admin.put(path, "{}");
        String serial = TestCertificates.serial(enrolled());

        JsonNode deleted = AdminClient.json(admin.delete(path + "?reason=keyCompromise"));
        assertThat(deleted.get("status").asText()).isEqualTo("REVOKED");
        assertThat(deleted.get("currentCertificate").isNull()).isTrue();
        JsonNode certificate = AdminClient.json(admin.get("certificates/" + serial));
        assertThat(certificate.get("status").asText()).isEqualTo("REVOKED");
        assertThat(certificate.get("revocationReason").asText()).isEqualTo("keyCompromise");
        rejections.assertRejected(enroll(), 403, "device '" + identity + "' is revoked");

        HttpResponse<byte[]> again = admin.delete(path);
        assertThat(AdminClient.json(again).get("status").asText()).as("a repeated delete").isEqualTo("REVOKED");
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? "
                + "and operation = 'admin.registrations.delete' and outcome = 'REVOKED'", identity)).isEqualTo(1);

        JsonNode back = AdminClient.json(admin.put(path, "{}"));
        assertThat(back.get("status").asText()).isEqualTo("PENDING");
        String fresh = TestCertificates.serial(enrolled());
        assertThat(registration().get("currentCertificate").get("serial").asText())
                .isEqualTo(fresh).isNotEqualTo(serial);
    }

    @Test
    void deletingAnUnknownDeviceIsNotFound() {
        rejections.assertRejected(admin.delete(path), 404, "no device '" + identity + "' on label 'default'");
    }

    @Test
    void theDefaultRevocationReasonOfADeleteIsCessationOfOperation() {
        admin.put(path, "{}");
        String serial = TestCertificates.serial(enrolled());

        admin.delete(path);
        assertThat(AdminClient.json(admin.get("certificates/" + serial)).get("revocationReason").asText())
                .isEqualTo("cessationOfOperation");
    }

    @Test
    void anOwnerAdoptsARegistrationMadeByHandAndAPutWithoutOwnerKeepsIt() {
        assertThat(AdminClient.json(admin.put(path, "{}")).get("owner").isNull()).isTrue();

        String uid = uid();
        HttpResponse<byte[]> adopted = admin.put(path, "{" + owner(OWNER, uid) + "}");
        assertThat(adopted.statusCode()).as(EstClient.text(adopted)).isEqualTo(200);
        assertOwner(AdminClient.json(adopted), OWNER, uid);

        HttpResponse<byte[]> byHand = admin.put(path, "{\"validity\": \"P7D\"}");
        assertThat(byHand.statusCode()).isEqualTo(200);
        assertOwner(AdminClient.json(byHand), OWNER, uid);
        assertThat(database.column("select reason from enrollment_event where device_identity = ? "
                + "and operation = 'admin.registrations.register' order by id", identity)).containsExactly(
                "registered: allowed SANs per profile, validity per profile, owner none",
                "registration updated: allowed SANs per profile, validity per profile, owner " + OWNER + " (uid "
                        + uid + ")",
                "registration updated: allowed SANs per profile, validity P7D, owner " + OWNER + " (uid " + uid + ")");
    }

    @Test
    void itsOwnerUpdatesARegistration() {
        String uid = uid();
        HttpResponse<byte[]> created = admin.put(path, "{" + owner(OWNER, uid) + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertOwner(AdminClient.json(created), OWNER, uid);

        HttpResponse<byte[]> updated = admin.put(path, "{\"validity\": \"P7D\", " + owner(OWNER, uid) + "}");
        assertThat(updated.statusCode()).as(EstClient.text(updated)).isEqualTo(200);
        assertThat(AdminClient.json(updated).get("validity").asText()).isEqualTo("P7D");
        assertOwner(registration(), OWNER, uid);
    }

    @Test
    void aReCreatedOwnerBringsItsDeletedRegistrationBackAndTheOldCertificateStaysRevoked() {
        String first = uid();
        admin.put(path, "{" + owner(OWNER, first) + "}");
        String serial = TestCertificates.serial(enrolled());
        assertThat(AdminClient.json(admin.delete(path + "?ownerUid=" + first)).get("status").asText())
                .isEqualTo("REVOKED");

        String second = uid();
        HttpResponse<byte[]> back = admin.put(path, "{" + owner(OWNER, second) + "}");
        assertThat(back.statusCode()).as(EstClient.text(back)).isEqualTo(200);
        assertThat(AdminClient.json(back).get("status").asText()).isEqualTo("PENDING");
        assertOwner(AdminClient.json(back), OWNER, second);
        assertThat(AdminClient.json(admin.get("certificates/" + serial)).get("status").asText())
                .isEqualTo("REVOKED");
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'UPDATED' and reason = ?", identity, "owner " + OWNER + " re-created: uid " + first + " → "
                + second)).isEqualTo(1);

        assertThat(TestCertificates.serial(enrolled())).isNotEqualTo(serial);
    }

    @Test
    void anotherOwnerCannotTakeARegistrationOver() {
        String uid = uid();
        admin.put(path, "{\"validity\": \"P7D\", " + owner(OWNER, uid) + "}");
        JsonNode before = registration();

        rejections.assertRejected(admin.put(path, "{\"validity\": \"P1D\", \"suspended\": true, "
                + owner("DeviceEnrollment pki/a2", uid()) + "}"), 409, "registration 'default/" + identity
                + "' belongs to " + OWNER + " (uid " + uid + "); DeviceEnrollment pki/a2 cannot take it over");
        assertThat(registration()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aDeleteForAnotherOwnerUidIsRefusedAndRevokesNothing() {
        String uid = uid();
        admin.put(path, "{" + owner(OWNER, uid) + "}");
        String serial = TestCertificates.serial(enrolled());

        String stale = uid();
        rejections.assertRejected(admin.delete(path + "?ownerUid=" + stale), 409, "registration 'default/"
                + identity + "' belongs to " + OWNER + " (uid " + uid + "), not to the caller's uid " + stale);
        assertThat(registration().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(AdminClient.json(admin.get("certificates/" + serial)).get("status").asText()).isEqualTo("GOOD");

        assertThat(AdminClient.json(admin.delete(path + "?ownerUid=" + uid)).get("status").asText())
                .isEqualTo("REVOKED");
        assertThat(AdminClient.json(admin.get("certificates/" + serial)).get("status").asText())
                .isEqualTo("REVOKED");
    }

    @Test
    void aRegistrationWithoutOwnerIsDeletedWhateverTheCallersUid() {
        admin.put(path, "{}");

        assertThat(AdminClient.json(admin.delete(path + "?ownerUid=" + uid())).get("status").asText())
                .isEqualTo("REVOKED");
    }

    @Test
    void refusesAnOwnerWithoutNameOrUidNamingTheMember() {
        rejections.assertRejected(admin.put(path, "{\"owner\": {\"uid\": \"" + uid() + "\"}}"), 400,
                "owner.name is required and must not be blank when the owner is given, got none");
        rejections.assertRejected(admin.put(path, "{" + owner(OWNER, " ") + "}"), 400,
                "owner.uid is required and must not be blank when the owner is given, got ' '");
        assertThat(database.count("select count(*) from device where identity = ?", identity)).isZero();
    }
}
