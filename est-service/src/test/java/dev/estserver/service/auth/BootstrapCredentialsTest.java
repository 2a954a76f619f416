package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Credential;
import dev.estserver.service.store.Owner;
import dev.estserver.service.support.Database;

/**
 * Issues of bootstrap credentials for one owner that overlap: an issue that timed out while still running, and the
 * retry that its caller sent meanwhile. The retry's credential, whose password the caller has, stays the valid one.
 */
@QuarkusTest
class BootstrapCredentialsTest {

    private static final Duration VALIDITY = Duration.ofHours(1);

    @Inject
    BootstrapCredentials credentials;

    @Inject
    UserTransaction transaction;

    @Inject
    Database database;

    @Test
    void anIssueThatBeganBeforeTheRetryOfItsCallerIsRefusedAndReplacesNothing() throws Exception {
        Owner owner = new Owner("DeviceEnrollment apps/a1", UUID.randomUUID().toString());
        String retried;
        transaction.begin();
        try {
            // The first statement begins the database transaction: from here on, the first issue is running.
            Credential.count();
            retried = QuarkusTransaction.requiringNew()
                    .call(() -> credentials.issue(null, null, null, false, VALIDITY, owner)).credential().username;

            assertThatThrownBy(() -> credentials.issue(null, null, null, false, VALIDITY, owner))
                    .isInstanceOfSatisfying(RequestRejected.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.CONFLICT))
                    .hasMessageStartingWith("bootstrap credential '" + retried + "' was issued for " + owner.describe())
                    .hasMessageContaining("by a request that began after this one (at ")
                    .hasMessageEndingWith("this older request does not replace it and issues nothing");
        } finally {
            transaction.rollback();
        }
        assertThat(database.column("select username from credential where owner_uid = ? and revoked_at is null",
                owner.uid())).containsExactly(retried);
    }
}
