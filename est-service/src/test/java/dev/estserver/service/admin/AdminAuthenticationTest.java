package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestPorts;

/** Every admin call needs a valid bearer token; each refusal says why and is challenged with Bearer, not Basic. */
@QuarkusTest
class AdminAuthenticationTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private static HttpResponse<byte[]> listWith(String authorization) {
        return AdminClient.of(TestPorts.HTTPS, authorization).get("approvals");
    }

    /** A stored token of this name, with one more column set to an SQL expression; returns the token. */
    private String storeToken(String name, String column, String sqlValue) {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        database.update("insert into credential (kind, username, secret_hash, role, " + column + ") values "
                + "('ADMIN_TOKEN', ?, ?, 'ADMIN', " + sqlValue + ")", name,
                Digests.sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
        return token;
    }

    @Test
    void refusesAMissingTokenWithTheBearerChallenge() {
        HttpResponse<byte[]> none = listWith(null);
        rejections.assertRejected(none, 401, "admin API requires 'Authorization: Bearer <admin token>'");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"est-admin\"");
    }

    @Test
    void refusesAnUnknownTokenAndAnotherScheme() {
        rejections.assertRejected(listWith("Bearer not-the-token"), 401, "admin token not recognised");
        rejections.assertRejected(listWith(EstClient.DEMO_BASIC), 401,
                "the Authorization header uses another scheme");
    }

    @Test
    void refusesRevokedAndExpiredTokensNamingThem() {
        String revoked = "revoked-" + UUID.randomUUID();
        rejections.assertRejected(listWith("Bearer " + storeToken(revoked, "revoked_at", "now()")), 401,
                "admin token '" + revoked + "' was revoked at");
        String expired = "expired-" + UUID.randomUUID();
        rejections.assertRejected(listWith("Bearer " + storeToken(expired, "expires_at",
                "now() - interval '1 minute'")), 401, "admin token '" + expired + "' expired at");
    }
}
