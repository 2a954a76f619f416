package dev.estserver.service.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.estserver.service.http.ProblemStatus;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.Timestamps;

/** Counts over the whole fleet, computed by the database; the admin API's statistics and the console's overview. */
@ApplicationScoped
public class FleetStatistics {

    private static final int HOURS = 24;

    /**
     * @param enrollmentsPerHour certificates issued in each of the last 24 hours, oldest first, the current
     *                           (incomplete) hour last, with the requests refused or failed in each
     * @param failuresByReason   requests of clients (EST, CRL, OCSP) refused or failed in the last 24 hours, by the
     *                           kind of refusal: {@code unauthenticated}, {@code forbidden}, ... ({@link Problem} in
     *                           lower case), {@code internal-error}
     * @param pendingApprovals   requests waiting for an operator's decision, not expired
     */
    public record Stats(Map<String, Long> devicesByStatus, Map<String, Long> devicesByLabel,
            Map<String, Long> certificatesByStatus, List<HourCount> enrollmentsPerHour,
            long certificatesExpiringWithin7Days, long certificatesExpiringWithin30Days,
            Map<String, Long> failuresByReason, long pendingApprovals) {
    }

    /**
     * @param hour  the start of the hour (UTC)
     * @param count certificates issued
     * @param refused requests of clients refused or failed
     */
    public record HourCount(Instant hour, long count, long refused) {
    }

    private final EntityManager entityManager;

    FleetStatistics(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    Stats now() {
        Instant now = Instant.now();
        return new Stats(counts("select status, count(*) from device group by status"),
                counts("select label, count(*) from device group by label"),
                counts("select status, count(*) from certificate group by status"),
                enrollmentsPerHour(now.truncatedTo(ChronoUnit.HOURS)),
                expiringWithin(now, Duration.ofDays(7)), expiringWithin(now, Duration.ofDays(30)),
                failuresByReason(now.minus(HOURS, ChronoUnit.HOURS)), pendingApprovals(now));
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object row : entityManager.createNativeQuery(sql).getResultList()) {
            Object[] columns = (Object[]) row;
            counts.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return counts;
    }

    private List<HourCount> enrollmentsPerHour(Instant currentHour) {
        Instant since = currentHour.minus(HOURS - 1, ChronoUnit.HOURS);
        Map<Instant, HourCount> counted = new TreeMap<>();
        for (Object row : entityManager.createNativeQuery("""
                select date_trunc('hour', occurred_at, 'UTC'), count(*) filter (where outcome = 'ISSUED'),
                    count(*) filter (where outcome in ('REJECTED', 'FAILED') and %s)
                from enrollment_event where occurred_at >= ?1 group by 1""".formatted(EnrollmentEvent.CLIENT_REQUESTS))
                .setParameter(1, since).getResultList()) {
            Object[] columns = (Object[]) row;
            Instant hour = Timestamps.instant(columns[0]);
            counted.put(hour, new HourCount(hour, ((Number) columns[1]).longValue(),
                    ((Number) columns[2]).longValue()));
        }
        List<HourCount> hours = new ArrayList<>(HOURS);
        for (Instant hour = since; !hour.isAfter(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(counted.getOrDefault(hour, new HourCount(hour, 0, 0)));
        }
        return hours;
    }

    private Map<String, Long> failuresByReason(Instant since) {
        Map<String, Long> byReason = new TreeMap<>();
        for (Object row : entityManager.createNativeQuery("""
                select status_code, count(*) from enrollment_event
                where outcome in ('REJECTED', 'FAILED') and occurred_at >= ?1 and %s
                group by status_code""".formatted(EnrollmentEvent.CLIENT_REQUESTS)).setParameter(1, since)
                .getResultList()) {
            Object[] columns = (Object[]) row;
            byReason.merge(ProblemStatus.reasonOf(((Number) columns[0]).intValue()),
                    ((Number) columns[1]).longValue(), Long::sum);
        }
        return byReason;
    }

    private long pendingApprovals(Instant now) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from pending_request where status = 'PENDING' and expires_at > ?1""")
                .setParameter(1, now).getSingleResult()).longValue();
    }

    /** Good certificates that have not yet ended but will within {@code window}. */
    private long expiringWithin(Instant now, Duration window) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from certificate where status = 'GOOD' and not_after > ?1 and not_after <= ?2""")
                .setParameter(1, now).setParameter(2, now.plus(window)).getSingleResult()).longValue();
    }
}
