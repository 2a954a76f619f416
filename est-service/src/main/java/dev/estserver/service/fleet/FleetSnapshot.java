package dev.estserver.service.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;

/**
 * Counts that describe the fleet at one moment, read from the database in one go.
 *
 * @param devices            devices by label and status
 * @param expiringIn7Days    devices by label whose current certificate expires within 7 days (not yet expired)
 * @param expiringIn30Days   the same within 30 days
 * @param pendingApprovals   enrollment requests waiting for a decision, by label
 */
record FleetSnapshot(List<Count> devices, List<Count> expiringIn7Days, List<Count> expiringIn30Days,
        List<Count> pendingApprovals) {

    /** One row of a count: its tags (label, or label and status) and value. */
    record Count(String label, String status, long value) {
    }

    static FleetSnapshot read(EntityManager db, Instant now) {
        return new FleetSnapshot(
                counts(db.createNativeQuery("select label, status, count(*) from device group by label, status")
                        .getResultList(), true),
                counts(expiring(db, now, 7), false),
                counts(expiring(db, now, 30), false),
                counts(db.createNativeQuery("""
                        select label, count(*) from pending_request
                        where status = 'PENDING' and expires_at > ?1 group by label""")
                        .setParameter(1, now).getResultList(), false));
    }

    private static List<?> expiring(EntityManager db, Instant now, int days) {
        return db.createNativeQuery("""
                select d.label, count(*) from device d join certificate c on c.serial = d.current_certificate_serial
                where c.status = 'GOOD' and c.not_after > ?1 and c.not_after <= ?2 group by d.label""")
                .setParameter(1, now).setParameter(2, now.plus(Duration.ofDays(days))).getResultList();
    }

    private static List<Count> counts(List<?> rows, boolean withStatus) {
        return rows.stream().map(Object[].class::cast).map(row -> withStatus
                ? new Count((String) row[0], (String) row[1], ((Number) row[2]).longValue())
                : new Count((String) row[0], null, ((Number) row[1]).longValue())).toList();
    }
}
