package dev.estserver.service.revocation;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.ca.RevokedEntry;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.CrlState;

/**
 * Publishes one complete CRL per issuing CA, kept in {@code crl_state} so that every replica serves the same CRL and
 * the CRL number only grows. A CRL is signed again when a certificate of its CA is revoked (in the revoking
 * transaction) and otherwise on the first request after half its validity has passed, so a relying party's copy is
 * replaced long before its nextUpdate. Revocations made another way (a superseded certificate on re-enrollment) are
 * caught by comparing the number of revoked certificates with the number the CRL lists.
 */
@ApplicationScoped
public class CrlPublisher {

    private static final Logger LOG = Logger.getLogger(CrlPublisher.class);

    private final CertificateAuthorities authorities;
    private final Duration validity;

    CrlPublisher(CertificateAuthorities authorities, EstConfig config) {
        this.authorities = authorities;
        this.validity = config.revocation().crlValidity();
        if (validity.compareTo(Duration.ofMinutes(2)) < 0) {
            throw new IllegalStateException("est.revocation.crl-validity must be at least 2 minutes, got " + validity);
        }
    }

    /** The current DER CRL of the CA named {@code caName} in configuration, signed anew if it is stale. */
    public byte[] current(String caName) {
        CertificateAuthority ca = authorities.byName().get(caName);
        if (ca == null) {
            throw new RequestRejected(Problem.NOT_FOUND, "no issuing CA named '" + caName + "'; CRLs are served for "
                    + String.join(", ", authorities.byName().keySet()));
        }
        return QuarkusTransaction.requiringNew().call(() -> fresh(caName, ca))
                .orElseGet(() -> QuarkusTransaction.requiringNew().call(() -> publish(caName, ca)));
    }

    /** Within the revoking transaction: the new CRL of the CA named {@code issuer} (a DN) commits with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void publishFor(String issuer) {
        Optional<Map.Entry<String, CertificateAuthority>> ca = authorities.byName().entrySet().stream()
                .filter(entry -> entry.getValue().subject().toString().equals(issuer)).findFirst();
        if (ca.isEmpty()) {
            // A CA removed from configuration has no CRL endpoint any more; the revocation still counts for OCSP.
            LOG.warnf("revoked a certificate of '%s', which is no longer a configured issuing CA: no CRL published",
                    issuer);
            return;
        }
        CertificateRecord.flush();
        publish(ca.get().getKey(), ca.get().getValue());
    }

    private Optional<byte[]> fresh(String caName, CertificateAuthority ca) {
        CrlState state = CrlState.findById(caName);
        return state != null && isFresh(state, revokedCount(ca), Instant.now()) ? Optional.of(state.der)
                : Optional.empty();
    }

    private boolean isFresh(CrlState state, long revokedCount, Instant now) {
        return state.crlNumber > 0 && state.revokedCount == revokedCount
                && now.isBefore(state.thisUpdate.plus(validity.dividedBy(2)));
    }

    private byte[] publish(String caName, CertificateAuthority ca) {
        CrlState state = CrlState.lockOrCreate(caName);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RevokedEntry> revoked = revoked(ca);
        // Another replica may have published while this one waited for the lock.
        if (isFresh(state, revoked.size(), now)) {
            return state.der;
        }
        state.crlNumber++;
        state.thisUpdate = now;
        state.nextUpdate = now.plus(validity);
        state.revokedCount = revoked.size();
        state.der = ca.signCrl(BigInteger.valueOf(state.crlNumber), state.thisUpdate, state.nextUpdate, revoked);
        LOG.infof("published CRL %d of issuing CA '%s' listing %d revoked certificates", state.crlNumber, caName,
                revoked.size());
        return state.der;
    }

    private static long revokedCount(CertificateAuthority ca) {
        return CertificateRecord.count("issuer = ?1 and status = ?2", ca.subject().toString(),
                CertificateRecord.Status.REVOKED);
    }

    private static List<RevokedEntry> revoked(CertificateAuthority ca) {
        return CertificateRecord.getEntityManager().createQuery("""
                select c.serial, c.revokedAt, c.revocationReason from CertificateRecord c
                where c.issuer = ?1 and c.status = ?2 order by c.revokedAt""", Object[].class)
                .setParameter(1, ca.subject().toString()).setParameter(2, CertificateRecord.Status.REVOKED)
                .getResultStream()
                .map(row -> new RevokedEntry(new BigInteger((String) row[0], 16), (Instant) row[1],
                        row[2] == null ? RevokedEntry.UNSPECIFIED : (Integer) row[2]))
                .toList();
    }
}
