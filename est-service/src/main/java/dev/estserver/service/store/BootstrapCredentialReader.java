package dev.estserver.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Reads a bootstrap credential for HTTP Basic authentication, for the auth package's cache of them: one plain,
 * auto-committed SELECT. Through Panache in a transaction of its own it cost about a sixth of the service's CPU
 * per enrollment under load (JTA begin and commit, a Hibernate session, entity hydration). The credential comes
 * back detached: it is read, never changed, on this path.
 */
@ApplicationScoped
public class BootstrapCredentialReader {

    private static final String SELECT = """
            select id, username, secret_hash, label, device_identity, one_time, expires_at, used_at, revoked_at,
                created_at
            from credential where kind = 'BOOTSTRAP' and username = ?""";

    private final AgroalDataSource dataSource;

    BootstrapCredentialReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Credential> find(String username) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, username);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(credential(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read bootstrap credential '" + username + "': " + e.getMessage(),
                    e);
        }
    }

    private static Credential credential(ResultSet row) throws SQLException {
        Credential credential = new Credential();
        credential.id = row.getLong("id");
        credential.kind = Credential.Kind.BOOTSTRAP;
        credential.username = row.getString("username");
        credential.secretHash = row.getString("secret_hash");
        credential.label = row.getString("label");
        credential.deviceIdentity = row.getString("device_identity");
        credential.oneTime = row.getBoolean("one_time");
        credential.expiresAt = instant(row.getTimestamp("expires_at"));
        credential.usedAt = instant(row.getTimestamp("used_at"));
        credential.revokedAt = instant(row.getTimestamp("revoked_at"));
        credential.createdAt = instant(row.getTimestamp("created_at"));
        return credential;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
