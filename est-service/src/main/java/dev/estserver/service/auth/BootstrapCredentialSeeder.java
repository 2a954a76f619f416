package dev.estserver.service.auth;

import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.store.Credential;

/**
 * Stores the configured bootstrap credentials (hashed) at startup, and refuses to start outside demo mode when the
 * well-known demo credential would be accepted.
 */
@Singleton
public class BootstrapCredentialSeeder {

    /** The RFC 7030 interop test credential, used by {@code make run}. */
    public static final String DEMO_USERNAME = "estuser";
    public static final String DEMO_PASSWORD = "estpwd";

    private static final Logger LOG = Logger.getLogger(BootstrapCredentialSeeder.class);

    private final EstConfig config;

    BootstrapCredentialSeeder(EstConfig config) {
        this.config = config;
    }

    @Transactional
    void onStart(@Observes @Priority(StartupOrder.DATA) StartupEvent event) {
        boolean demo = config.demo().enabled();
        for (Map.Entry<String, String> entry : config.auth().bootstrapCredentials().entrySet()) {
            if (!demo && isDemoCredential(entry.getKey(), entry.getValue())) {
                throw new IllegalStateException("est.auth.bootstrap-credentials configures the "
                        + "demo credential " + DEMO_USERNAME + "/" + DEMO_PASSWORD + " outside demo mode");
            }
            store(entry.getKey(), entry.getValue());
        }
        if (!demo) {
            Credential.findBootstrap(DEMO_USERNAME)
                    .filter(c -> c.revokedAt == null && PasswordHasher.verify(DEMO_PASSWORD, c.secretHash))
                    .ifPresent(c -> {
                        throw new IllegalStateException("the database holds the demo credential "
                                + DEMO_USERNAME + "/" + DEMO_PASSWORD + " and demo mode is off; delete it "
                                + "(delete from credential where username = '" + DEMO_USERNAME + "') or use a "
                                + "database of its own for the demo");
                    });
        }
    }

    private static boolean isDemoCredential(String username, String password) {
        return DEMO_USERNAME.equals(username) && DEMO_PASSWORD.equals(password);
    }

    /** An upsert, so that replicas starting together do not trip over each other. */
    private static void store(String username, String password) {
        Credential.getEntityManager().createNativeQuery("""
                insert into credential (kind, username, secret_hash) values ('BOOTSTRAP', ?1, ?2)
                on conflict (kind, username) do update set secret_hash = excluded.secret_hash, revoked_at = null""")
                .setParameter(1, username).setParameter(2, PasswordHasher.hash(password)).executeUpdate();
        LOG.infof("stored bootstrap credential '%s' (hashed)", username);
    }
}
