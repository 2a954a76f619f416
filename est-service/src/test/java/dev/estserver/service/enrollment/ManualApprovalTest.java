package dev.estserver.service.enrollment;

import static dev.estserver.service.support.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.auth.PasswordHasher;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;

/** RFC 7030 §4.2.3 manual approval: 202 + Retry-After, polling with the same CSR, decisions through the admin API. */
@QuarkusTest
class ManualApprovalTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();
    private final AdminClient admin = AdminClient.demo();

    private static PKCS10CertificationRequest newCsr(String name) {
        return Csrs.csr(TestKeys.ecP256(), "CN=" + name);
    }

    private static String device() {
        return "dev-" + UUID.randomUUID();
    }

    /** The id of the pending request of this device, from the admin list. */
    private long pendingId(String device) {
        return AdminClient.requestOf(json(admin.get("approvals")), device);
    }

    @Test
    void holdsTheFirstRequestThenIssuesOnceApprovedAndRepeatsTheCertificateToLaterPolls() throws IOException {
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);

        HttpResponse<byte[]> first = client.enroll("manual", csr);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(first.body()).as("BouncyCastle's client closes a 202 unread").isEmpty();
        assertThat(first.headers().firstValue("X-Est-Reason")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'" + name + "' stored for manual approval", "label 'manual'"));

        HttpResponse<byte[]> poll = client.enroll("manual", csr);
        assertThat(poll.statusCode()).isEqualTo(202);
        assertThat(poll.headers().firstValue("X-Est-Reason")).hasValueSatisfying(reason -> assertThat(reason)
                .contains("waiting for manual approval"));
        assertThat(database.count("select count(*) from pending_request where device_identity = ?", name))
                .isEqualTo(1);

        long id = pendingId(name);
        JsonNode view = json(admin.get("approvals/" + id));
        assertThat(view.get("status").asText()).isEqualTo("PENDING");
        assertThat(view.get("requestedBy").asText()).isEqualTo("estuser");
        assertThat(view.get("publicKey").asText()).isEqualTo("EC P-256");

        JsonNode approved = json(admin.post("approvals/" + id + "/approve", null));
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asText()).isEqualTo("demo");

        HttpResponse<byte[]> issued = client.enroll("manual", csr);
        assertThat(issued.statusCode()).as(EstClient.text(issued)).isEqualTo(200);
        X509Certificate cert = Pkcs7.single(issued.body());
        assertThat(cert.getPublicKey().getEncoded())
                .isEqualTo(csr.getSubjectPublicKeyInfo().getEncoded());

        HttpResponse<byte[]> again = client.enroll("manual", csr);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Pkcs7.single(again.body()).getSerialNumber()).isEqualTo(cert.getSerialNumber());
        assertThat(database.count("select count(*) from certificate c join device d on d.id = c.device_id "
                + "where d.identity = ?", name)).isEqualTo(1);
        assertThat(json(admin.get("approvals/" + id)).get("status").asText()).isEqualTo("ISSUED");
        assertThat(database.column("select outcome from enrollment_event where device_identity = ? order by id", name))
                .containsExactly("PENDING", "PENDING", "APPROVED", "ISSUED");
    }

    @Test
    void rejectedRequestGets403WithTheOperatorsReason() {
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);
        assertThat(client.enroll("manual", csr).statusCode()).isEqualTo(202);
        long id = pendingId(name);

        json(admin.post("approvals/" + id + "/reject",
                "{\"reason\": \"unknown serial number, not on the delivery list\"}"));

        rejections.assertRejected(client.enroll("manual", csr), 403, "enrollment request " + id
                + " was rejected by 'demo'", "unknown serial number, not on the delivery list");
    }

    @Test
    void decisionsNeedAPendingRequestAndARejectionNeedsAReason() {
        String name = device();
        assertThat(client.enroll("manual", newCsr(name)).statusCode()).isEqualTo(202);
        long id = pendingId(name);

        rejections.assertRejected(admin.post("approvals/" + id + "/reject", "{}"), 400,
                "a rejection needs a reason");
        json(admin.post("approvals/" + id + "/approve", null));
        rejections.assertRejected(admin.post("approvals/" + id + "/approve", null), 409,
                "enrollment request " + id + " was already decided: APPROVED by 'demo'");
        rejections.assertRejected(admin.post("approvals/999999999/approve", null), 404,
                "no enrollment request with id 999999999");
    }

    @Test
    void pendingRequestsExpire() throws InterruptedException {
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);
        assertThat(client.enroll("manual-short", csr).statusCode()).isEqualTo(202);
        long id = (Long) database.single("select id from pending_request where device_identity = ?", name);
        Thread.sleep(1_200);

        rejections.assertRejected(client.enroll("manual-short", csr), 403, "enrollment request " + id
                + " expired at", "est.profiles.manual-short.approval.expire-after=PT1S", "new key and CSR");
        rejections.assertRejected(admin.post("approvals/" + id + "/approve", null), 409,
                "enrollment request " + id + " expired at");
        assertThat(json(admin.get("approvals/" + id)).get("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void onlyTheOriginalRequesterCanPoll() {
        database.update("insert into credential (kind, username, secret_hash) values ('BOOTSTRAP', ?, ?) "
                + "on conflict do nothing", "other-installer", PasswordHasher.hash("s3cret"));
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);
        assertThat(client.enroll("manual", csr).statusCode()).isEqualTo(202);

        rejections.assertRejected(client.post("manual/simpleenroll", "application/pkcs10", Csrs.base64(csr),
                "Authorization", EstClient.basic("other-installer", "s3cret")), 403,
                "was made by 'estuser'; 'other-installer' cannot poll it");
    }

    @Test
    void enrolledDeviceIsRefusedAtOnceInsteadOfWaitingForAnApproval() {
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);
        client.enroll("manual", csr);
        json(admin.post("approvals/" + pendingId(name) + "/approve", null));
        assertThat(client.enroll("manual", csr).statusCode()).isEqualTo(200);

        rejections.assertRejected(client.enroll("manual", newCsr(name)), 409, "device '" + name
                + "' is already enrolled");
    }

    /** A device the store would refuse is told so at once, rather than leaving a request no approval can serve. */
    @Test
    void suspendedDeviceIsRefusedAtOnceInsteadOfWaitingForAnApproval() {
        String name = device();
        PKCS10CertificationRequest csr = newCsr(name);
        client.enroll("manual", csr);
        json(admin.post("approvals/" + pendingId(name) + "/approve", null));
        assertThat(client.enroll("manual", csr).statusCode()).isEqualTo(200);
        Object id = database.single("select id from device where label = 'manual' and identity = ?", name);
        json(admin.post("devices/" + id + "/suspend", null));

        rejections.assertRejected(client.enroll("manual", newCsr(name)), 403, "device '" + name
                + "' is suspended; it cannot enroll until an operator resumes or resets it");
        assertThat(database.count("select count(*) from pending_request where device_identity = ?", name))
                .isOne();
    }
}
