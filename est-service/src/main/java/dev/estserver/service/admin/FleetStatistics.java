package dev.estserver.service.admin;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Counts over the whole fleet, computed by the database. */
@ApplicationScoped
class FleetStatistics {

    private static final int HOURS = 24;

    /**
     * @param enrollmentsPerHour certificates issued in each of the last 24 hours, oldest first, the current
     *                           (incomplete) hour last
     */
    public record Stats(Map<String, Long> devicesByStatus, Map<String, Long> devicesByLabel,
            Map<String, Long> certificatesByStatus, List<HourCount> enrollmentsPerHour,
            long certificatesExpiringWithin7Days, long certificatesExpiringWithin30Days) {
    }

    /** @param hour the start of the hour (UTC) */
    public record HourCount(Instant hour, long count) {
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
                expiringWithin(now, Duration.ofDays(7)), expiringWithin(now, Duration.ofDays(30)));
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
        Map<Instant, Long> issued = new TreeMap<>();
        for (Object row : entityManager.createNativeQuery("""
                select date_trunc('hour', occurred_at, 'UTC'), count(*) from enrollment_event
                where outcome = 'ISSUED' and occurred_at >= ?1 group by 1""").setParameter(1, since).getResultList()) {
            Object[] columns = (Object[]) row;
            issued.put(instant(columns[0]), ((Number) columns[1]).longValue());
        }
        List<HourCount> hours = new ArrayList<>(HOURS);
        for (Instant hour = since; !hour.isAfter(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(new HourCount(hour, issued.getOrDefault(hour, 0L)));
        }
        return hours;
    }

    /** Good certificates that have not yet ended but will within {@code window}. */
    private long expiringWithin(Instant now, Duration window) {
        return ((Number) entityManager.createNativeQuery("""
                select count(*) from certificate where status = 'GOOD' and not_after > ?1 and not_after <= ?2""")
                .setParameter(1, now).setParameter(2, now.plus(window)).getSingleResult()).longValue();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }
}
