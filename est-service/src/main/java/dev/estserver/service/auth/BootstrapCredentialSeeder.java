package dev.estserver.service.auth;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.policy.AuthMethod;
import dev.estserver.service.store.Credential;

/**
 * Stores the configured bootstrap credentials (hashed, with the label each is bound to) at startup, and refuses to
 * start outside demo mode when the well-known demo credential would be accepted or a credential is bound to no label.
 */
@Singleton
public class BootstrapCredentialSeeder {

    /** The RFC 7030 interop test credential, used by {@code make run}. */
    public static final String DEMO_USERNAME = "estuser";
    public static final String DEMO_PASSWORD = "estpwd";

    private static final Logger LOG = Logger.getLogger(BootstrapCredentialSeeder.class);

    private final EstConfig config;
    private final CredentialRestrictions restrictions;

    BootstrapCredentialSeeder(EstConfig config, CredentialRestrictions restrictions) {
        this.config = config;
        this.restrictions = restrictions;
    }

    @Transactional
    void onStart(@Observes @Priority(StartupOrder.DATA) StartupEvent event) {
        boolean demo = config.demo().enabled();
        Map<String, String> credentials = config.auth().bootstrapCredentials();
        Map<String, String> labels = config.auth().bootstrapCredentialLabels();
        for (String username : labels.keySet()) {
            if (!credentials.containsKey(username)) {
                throw new IllegalStateException("est.auth.bootstrap-credential-labels." + username + " binds a "
                        + "credential that est.auth.bootstrap-credentials does not configure (configured: "
                        + credentials.keySet().stream().sorted().toList() + ")");
            }
        }
        for (Map.Entry<String, String> entry : credentials.entrySet()) {
            if (!demo && isDemoCredential(entry.getKey(), entry.getValue())) {
                throw new IllegalStateException("est.auth.bootstrap-credentials configures the "
                        + "demo credential " + DEMO_USERNAME + "/" + DEMO_PASSWORD + " outside demo mode");
            }
            store(entry.getKey(), entry.getValue(), label(entry.getKey(), labels.get(entry.getKey())));
        }
        if (!demo) {
            long unbound = Credential.count("kind in ?1 and label is null and revokedAt is null",
                    List.of(Credential.Kind.BOOTSTRAP, Credential.Kind.ONE_TIME_CODE));
            if (unbound > 0) {
                LOG.warnf("%d bootstrap credentials or one-time codes in the database are bound to no label; outside "
                        + "demo mode they are refused at enrollment: revoke them and issue them again with a label",
                        unbound);
            }
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

    /** The label the credential is bound to; null only in demo mode. */
    private String label(String username, String label) {
        String property = "est.auth.bootstrap-credential-labels." + username;
        if (label == null) {
            if (restrictions.labelRequired()) {
                throw new IllegalStateException("bootstrap credential '" + username + "' is bound "
                        + "to no label, and outside demo mode a credential enrolls only on the label it is bound to; "
                        + "set " + property + " to one of " + restrictions.served());
            }
            return null;
        }
        try {
            restrictions.requireServed(label.strip(), AuthMethod.BASIC);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("" + property + ": " + e.getMessage(), e);
        }
        return label.strip();
    }

    private static boolean isDemoCredential(String username, String password) {
        return DEMO_USERNAME.equals(username) && DEMO_PASSWORD.equals(password);
    }

    /** An upsert, so that replicas starting together do not trip over each other. */
    private static void store(String username, String password, String label) {
        Credential.getEntityManager().createNativeQuery("""
                insert into credential (kind, username, secret_hash, label)
                values ('BOOTSTRAP', ?1, ?2, cast(?3 as varchar))
                on conflict (kind, username) do update
                set secret_hash = excluded.secret_hash, label = excluded.label, revoked_at = null""")
                .setParameter(1, username).setParameter(2, PasswordHasher.hash(password)).setParameter(3, label)
                .executeUpdate();
        LOG.infof("stored bootstrap credential '%s' (hashed)%s", username,
                label == null ? ", for every label (demo mode)" : " for label '" + label + "'");
    }
}
