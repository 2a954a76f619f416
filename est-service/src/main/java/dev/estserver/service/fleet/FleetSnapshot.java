package dev.estserver.service.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * Counts that describe the fleet at one moment, read from the database in one go. Every configured label has every
 * row, 0 when there is nothing to count: a gauge that is absent cannot be told from a gauge that is broken, and
 * alert rules on a missing series never fire.
 *
 * @param devices            devices by label and status
 * @param expiringIn7Days    devices by label whose current certificate expires within 7 days (not yet expired)
 * @param expiringIn30Days   the same within 30 days
 * @param pendingApprovals   enrollment requests waiting for a decision, by label
 * @param oldestPendingAge   how long the oldest of them has waited, in seconds, by label; 0 when none waits
 */
record FleetSnapshot(List<Count> devices, List<Count> expiringIn7Days, List<Count> expiringIn30Days,
        List<Count> pendingApprovals, List<Count> oldestPendingAge) {

    /** One row of a count: its tags (label, or label and status) and value. */
    record Count(String label, String status, long value) {
    }

    /**
     * @param labels   the configured labels, each reported even when it has nothing to count
     * @param statuses the device statuses, each reported for every label
     */
    static FleetSnapshot read(EntityManager db, Instant now, Collection<String> labels, Collection<String> statuses) {
        return new FleetSnapshot(
                withZeros(counts(db.createNativeQuery(
                        "select label, status, count(*) from device group by label, status").getResultList(), true),
                        labels, statuses),
                withZeros(counts(expiring(db, now, 7), false), labels, null),
                withZeros(counts(expiring(db, now, 30), false), labels, null),
                withZeros(counts(db.createNativeQuery("""
                        select label, count(*) from pending_request
                        where status = 'PENDING' and expires_at > ?1 group by label""")
                        .setParameter(1, now).getResultList(), false), labels, null),
                withZeros(counts(db.createNativeQuery("""
                        select label, floor(extract(epoch from (?1 - min(requested_at)))) from pending_request
                        where status = 'PENDING' and expires_at > ?1 group by label""")
                        .setParameter(1, now).getResultList(), false), labels, null));
    }

    /** The counts, plus a 0 for every label (and status) they lack; labels no longer configured keep their rows. */
    private static List<Count> withZeros(List<Count> counts, Collection<String> labels, Collection<String> statuses) {
        Map<List<String>, Count> rows = new LinkedHashMap<>();
        for (String label : labels) {
            for (String status : statuses == null ? Collections.<String>singletonList(null) : statuses) {
                rows.put(Arrays.asList(label, status), new Count(label, status, 0));
            }
        }
        counts.forEach(count -> rows.put(Arrays.asList(count.label(), count.status()), count));
        return List.copyOf(rows.values());
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
