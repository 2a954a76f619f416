package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/**
 * RFC 7894 otpChallenge as a one-time enrollment code: a device enrolls with a code in its CSR instead of HTTP
 * Basic credentials, once, on the label and as the device the code was issued for, before it expires.
 */
@QuarkusTest
class OneTimeCodeEnrollmentTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    OneTimeCodes codes;

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static String device() {
        return "otc-" + UUID.randomUUID();
    }

    private static PKCS10CertificationRequest csr(String name, String code) {
        return Csrs.withAttributes(TestKeys.ecP256(), "CN=" + name, Csrs.otpChallenge(code));
    }

    /** {@code /simpleenroll} with no Authorization header and no client certificate. */
    private HttpResponse<byte[]> enroll(String label, PKCS10CertificationRequest csr) {
        return client.post((label == null ? "" : label + "/") + "simpleenroll", "application/pkcs10",
                Csrs.base64(csr));
    }

    private Object usedAt(long id) {
        return database.single("select used_at from credential where id = ?", id);
    }

    @Test
    void enrollsWithAOneTimeCodeAndNoOtherCredential() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        String name = device();

        HttpResponse<byte[]> response = enroll(null, csr(name, code.code()));

        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
        String serial = TestCertificates.serial(Pkcs7.single(response.body()));
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED' and auth_method = 'ONE_TIME_CODE' and principal = ? and serial = ?", name,
                String.valueOf(code.id()), serial)).isEqualTo(1);
        assertThat(usedAt(code.id())).isNotNull();
    }

    @Test
    void issuesCodesOf160BitsInBase32GroupsAndStoresOnlyTheirHash() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);

        assertThat(code.code()).matches("([A-Z2-7]{4}-){7}[A-Z2-7]{4}");
        assertThat(code.toString()).doesNotContain(code.code());
        String sha256 = Digests.sha256Hex(code.code().replace("-", "").getBytes(StandardCharsets.US_ASCII));
        assertThat(database.single("select secret_hash from credential where id = ?", code.id())).isEqualTo(sha256);
        assertThat(database.single("select kind from credential where id = ?", code.id())).isEqualTo("ONE_TIME_CODE");
        assertThat(database.count("select count(*) from credential where id = ? and one_time and username is null "
                + "and expires_at > now()", code.id())).isEqualTo(1);
    }

    @Test
    void acceptsTheCodeAsAPersonTypesIt() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        String typed = code.code().replace("-", " ").toLowerCase(Locale.ROOT);
        assertThat(enroll(null, csr(device(), typed)).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheSameCodeASecondTime() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        assertThat(enroll(null, csr(device(), code.code())).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> replay = enroll(null, csr(device(), code.code()));

        rejections.assertRejected(replay, 401, "one-time code " + code.id() + " was already used at",
                "it enrolls one certificate only");
        assertThat(EstClient.text(replay)).doesNotContain(code.code());
        assertThat(replay.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"estrealm\"");
    }

    /** Both requests may pass authentication; the conditional update in the issuing transaction decides. */
    @Test
    void concurrentUsesOfOneCodeIssueExactlyOneCertificate() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 3; round++) {
                OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
                List<PKCS10CertificationRequest> csrs = List.of(csr(device(), code.code()), csr(device(), code.code()));
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
                for (PKCS10CertificationRequest csr : csrs) {
                    Callable<HttpResponse<byte[]>> send = () -> {
                        start.await();
                        return enroll(null, csr);
                    };
                    responses.add(pool.submit(send));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<byte[]>> response : responses) {
                    HttpResponse<byte[]> done = response.get();
                    statuses.add(done.statusCode());
                    if (done.statusCode() == 401) {
                        assertThat(done.headers().firstValue("X-Est-Reason")).hasValueSatisfying(reason ->
                                assertThat(reason).contains("one-time code " + code.id(), "already used"));
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 401);
                assertThat(database.count("select count(*) from enrollment_event where outcome = 'ISSUED' and "
                        + "auth_method = 'ONE_TIME_CODE' and principal = ?", String.valueOf(code.id()))).isEqualTo(1);
            }
        }
    }

    /**
     * Manual approval: the code authenticates every poll of its request and is used up by the poll that gets the
     * certificate. After that it authenticates nothing, not even a poll for the same certificate again: the device
     * asks the operator, who sees the certificate in the admin API.
     */
    @Test
    void onALabelWithManualApprovalTheCodeIsUsedUpOnlyWhenTheCertificateIsIssued() {
        String name = device();
        OneTimeCodes.Issued code = codes.issue("manual", name, HOUR);
        PKCS10CertificationRequest csr = csr(name, code.code());

        assertThat(enroll("manual", csr).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> poll = enroll("manual", csr);
        assertThat(poll.statusCode()).isEqualTo(202);
        assertThat(poll.headers().firstValue("X-Est-Reason")).hasValueSatisfying(reason ->
                assertThat(reason).contains("waiting for manual approval"));
        assertThat(usedAt(code.id())).isNull();
        long id = (Long) database.single("select id from pending_request where device_identity = ? and "
                + "auth_method = 'ONE_TIME_CODE' and principal = ?", name, String.valueOf(code.id()));

        assertThat(AdminClient.demo().post("approvals/" + id + "/approve", null).statusCode()).isEqualTo(200);
        assertThat(usedAt(code.id())).isNull();
        HttpResponse<byte[]> issued = enroll("manual", csr);
        assertThat(issued.statusCode()).as(EstClient.text(issued)).isEqualTo(200);
        assertThat(usedAt(code.id())).isNotNull();

        rejections.assertRejected(enroll("manual", csr), 401, "one-time code " + code.id() + " was already used");
    }

    @Test
    void refusesAnExpiredCode() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        database.update("update credential set expires_at = now() - interval '1 second' where id = ?", code.id());
        rejections.assertRejected(enroll(null, csr(device(), code.code())), 401,
                "one-time code " + code.id() + " expired at");
    }

    @Test
    void refusesARevokedCode() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        database.update("update credential set revoked_at = now() where id = ?", code.id());
        rejections.assertRejected(enroll(null, csr(device(), code.code())), 401,
                "one-time code " + code.id() + " was revoked at");
    }

    @Test
    void refusesAnUnknownCodeWithoutEchoingIt() {
        String guess = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";
        HttpResponse<byte[]> response = enroll(null, csr(device(), guess));
        rejections.assertRejected(response, 401, "the one-time code in the CSR's otpChallenge attribute is not known");
        assertThat(EstClient.text(response)).doesNotContain(guess);
        assertThat(database.count("select count(*) from enrollment_event where reason like ?", "%" + guess + "%"))
                .isZero();
    }

    @Test
    void refusesACodeIssuedForAnotherLabelAndKeepsItForItsOwn() {
        OneTimeCodes.Issued code = codes.issue("plant-a", null, HOUR);
        rejections.assertRejected(enroll(null, csr(device(), code.code())), 401,
                "one-time code " + code.id() + " is for label 'plant-a', not for label 'default'");
        assertThat(usedAt(code.id())).isNull();
        assertThat(enroll("plant-a", csr(device(), code.code())).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesACodeBoundToAnotherDeviceAndKeepsItForThatDevice() {
        String name = device();
        OneTimeCodes.Issued code = codes.issue(null, name, HOUR);
        String other = device();
        rejections.assertRejected(enroll(null, csr(other, code.code())), 401, "one-time code " + code.id()
                + " is bound to device '" + name + "', but the CSR names device '" + other + "'");
        assertThat(enroll(null, csr(name, code.code())).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesACodeOnALabelWhoseProfileDoesNotAcceptCodes() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        rejections.assertRejected(enroll("basic-only", csr(device(), code.code())), 403,
                "the CSR carries a one-time code (otpChallenge attribute), but label 'basic-only' does not accept "
                        + "one-time-code (est.profiles.basic-only.auth-methods = basic)");
        assertThat(usedAt(code.id())).isNull();
    }

    @Test
    void basicStillWorksAndLeavesACodeInTheCsrUnused() {
        OneTimeCodes.Issued code = codes.issue(null, null, HOUR);
        String name = device();
        assertThat(client.enroll(null, csr(name, code.code())).statusCode()).isEqualTo(200);
        assertThat(usedAt(code.id())).isNull();
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED' and auth_method = 'BASIC' and principal = 'estuser'", name)).isEqualTo(1);
    }

    @Test
    void enrollsOnALabelThatAcceptsOnlyCodes() {
        OneTimeCodes.Issued code = codes.issue("code-only", null, HOUR);
        assertThat(enroll("code-only", csr(device(), code.code())).statusCode()).isEqualTo(200);
    }

    /** No Basic challenge where Basic is not accepted: it would only make libest retry with credentials in vain. */
    @Test
    void refusesBasicOnALabelThatAcceptsOnlyCodes() {
        HttpResponse<byte[]> response = client.enroll("code-only", Csrs.csr(TestKeys.ecP256(), "CN=" + device()));
        rejections.assertRejected(response, 403, "HTTP Basic credentials were sent, but label 'code-only' does not "
                + "accept basic (est.profiles.code-only.auth-methods = one-time-code)");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void refusesACallerWithoutCredentialsOnALabelWithoutBasicWithoutAChallenge() {
        HttpResponse<byte[]> response = enroll("code-only", Csrs.csr(TestKeys.ecP256(), "CN=" + device()));
        rejections.assertRejected(response, 403, "authentication required: send a one-time enrollment code in the "
                + "CSR's otpChallenge attribute (RFC 7894)");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void refusesAnUnknownCodeOnALabelWithoutBasicWithoutAChallenge() {
        HttpResponse<byte[]> response = enroll("code-only", csr(device(), "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"));
        rejections.assertRejected(response, 403, "the one-time code in the CSR's otpChallenge attribute is not known");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void refusesToIssueCodesThatCouldNeverBeUsed() {
        assertThatIllegalArgumentException().isThrownBy(() -> codes.issue("basic-only", null, HOUR))
                .withMessage("label 'basic-only' does not accept one-time-code: est.profiles.basic-only.auth-methods "
                        + "does not include one-time-code");
        assertThatIllegalArgumentException().isThrownBy(() -> codes.issue("no-such-label", null, HOUR))
                .withMessageStartingWith("unknown EST label 'no-such-label'");
        assertThatIllegalArgumentException().isThrownBy(() -> codes.issue(null, null, Duration.ZERO))
                .withMessage("one-time code validity must be positive, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> codes.issue(null, " ", HOUR))
                .withMessage("device identity of a one-time code must be absent or non-blank");
    }
}
