package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestPorts;

@QuarkusTest
class RevocationsTest {

    @Inject
    Revocations revocations;

    @Inject
    Database database;

    private static String enrolledSerial() {
        String name = "revoke-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        return TestCertificates.serial(EstClient.anonymous().enrolled(null,
                Csrs.csr(keys, "CN=" + name, name + ".example")));
    }

    @Test
    void recordsTimeAndReasonOfTheRevocation() {
        String serial = enrolledSerial();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Revocation revocation = revocations.revoke(serial, RevocationReason.KEY_COMPROMISE, at);

        assertThat(revocation.serial()).isEqualTo(serial);
        assertThat(revocation.revokedAt()).isEqualTo(at);
        assertThat(database.single("select status from certificate where serial = ?", serial)).isEqualTo("REVOKED");
        assertThat(database.single("select revocation_reason from certificate where serial = ?", serial))
                .isEqualTo(1);
        assertThat(((Timestamp) database.single("select revoked_at from certificate where serial = ?", serial))
                .toInstant()).isEqualTo(at);
    }

    @Test
    void countsRevocationsByReasonInMetrics() throws Exception {
        revocations.revoke(enrolledSerial(), RevocationReason.PRIVILEGE_WITHDRAWN, Instant.now());
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + TestPorts.MANAGEMENT + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("(?m)^est_revocations_total\\{reason=\"privilegeWithdrawn\"} [1-9]");
    }

    @Test
    void acceptsSerialInLowerCaseWithColons() {
        String serial = enrolledSerial();
        String colons = serial.toLowerCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
        assertThat(revocations.revoke(colons, RevocationReason.SUPERSEDED, Instant.now()).serial()).isEqualTo(serial);
    }

    @Test
    void refusesSerialItNeverIssuedWith404() {
        String serial = SerialNumbers.toHex(SerialNumbers.next());
        assertThatThrownBy(() -> revocations.revoke(serial, RevocationReason.KEY_COMPROMISE, Instant.now()))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no certificate with serial " + serial
                            + " was issued by this server");
                });
    }

    @Test
    void refusesSecondRevocationWith409SayingWhenAndWhy() {
        String serial = enrolledSerial();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        revocations.revoke(serial, RevocationReason.AFFILIATION_CHANGED, at);

        assertThatThrownBy(() -> revocations.revoke(serial, RevocationReason.KEY_COMPROMISE, Instant.now()))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("certificate serial " + serial
                            + " is already revoked: since 2026-01-02T03:04:05Z, reason affiliationChanged");
                });
        assertThat(database.single("select revocation_reason from certificate where serial = ?", serial))
                .isEqualTo(3);
    }

    @Test
    void refusesSerialThatIsNotHexadecimal() {
        assertThatThrownBy(() -> revocations.revoke("xyz", RevocationReason.KEY_COMPROMISE, Instant.now()))
                .isInstanceOfSatisfying(RequestRejected.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED))
                .hasMessage("serial 'xyz' is not a hexadecimal number");
    }
}
