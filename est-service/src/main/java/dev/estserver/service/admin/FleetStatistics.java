package dev.estserver.service.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

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

    /** A part of the statistics, read on a connection of its own. */
    private interface Query<T> {
        T read(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    FleetStatistics(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The independent counts run at once, each on a connection of its own: each scans up to a whole table, and
     * one after the other they took 175 ms with 100,000 devices, certificates and enrollments of the last day,
     * most of the console overview's 300 ms budget (ConsoleAtScaleTest).
     */
    Stats now() {
        Instant now = Instant.now();
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<Object[]>> devices = submit(parallel, c -> rows(c,
                    "select label, status, count(*) from device group by label, status"));
            Future<Map<String, Long>> certificates = submit(parallel, c -> counts(rows(c,
                    "select status, count(*) from certificate group by status"), 0));
            Future<List<HourCount>> hours = submit(parallel, c -> enrollmentsPerHour(c, currentHour));
            Future<Map<String, Long>> failures = submit(parallel, c -> failuresByReason(c,
                    now.minus(HOURS, ChronoUnit.HOURS)));
            Future<Object[]> single = submit(parallel, c -> rows(c, """
                    select (select count(*) from certificate where status = 'GOOD' and not_after > ?
                                and not_after <= ?),
                           (select count(*) from certificate where status = 'GOOD' and not_after > ?
                                and not_after <= ?),
                           (select count(*) from pending_request where status = 'PENDING' and expires_at > ?)""",
                    now, now.plus(Duration.ofDays(7)), now, now.plus(Duration.ofDays(30)), now).getFirst());
            List<Object[]> deviceRows = get(devices);
            Object[] counts = get(single);
            return new Stats(counts(deviceRows, 1), counts(deviceRows, 0), get(certificates), get(hours),
                    ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue(), get(failures),
                    ((Number) counts[2]).longValue());
        }
    }

    private <T> Future<T> submit(ExecutorService parallel, Query<T> query) {
        return parallel.submit(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return query.read(connection);
            }
        });
    }

    /** The part's result; its failure as is, a database's keeping its SQLException as the cause (503). */
    private static <T> T get(Future<T> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("fleet statistics could not be read: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the fleet statistics", e);
        }
    }

    /** Rows of a query whose parameters are the instants given, in order, as timestamptz. */
    private static List<Object[]> rows(Connection connection, String sql, Instant... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(parameters[i], ZoneOffset.UTC));
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int column = 0; column < columns; column++) {
                        row[column] = result.getObject(column + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The sum of the last column by the column {@code key}, in key order. */
    private static Map<String, Long> counts(List<Object[]> rows, int key) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge((String) row[key], ((Number) row[row.length - 1]).longValue(), Long::sum));
        return counts;
    }

    private static List<HourCount> enrollmentsPerHour(Connection connection, Instant currentHour)
            throws SQLException {
        Instant since = currentHour.minus(HOURS - 1, ChronoUnit.HOURS);
        Map<Instant, HourCount> counted = new TreeMap<>();
        for (Object[] row : rows(connection, """
                select date_trunc('hour', occurred_at, 'UTC'), count(*) filter (where outcome = 'ISSUED'),
                    count(*) filter (where outcome in ('REJECTED', 'FAILED') and %s)
                from enrollment_event where occurred_at >= ? group by 1""".formatted(EnrollmentEvent.CLIENT_REQUESTS),
                since)) {
            Instant hour = Timestamps.instant(row[0]);
            counted.put(hour, new HourCount(hour, ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        List<HourCount> hours = new ArrayList<>(HOURS);
        for (Instant hour = since; !hour.isAfter(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(counted.getOrDefault(hour, new HourCount(hour, 0, 0)));
        }
        return hours;
    }

    private static Map<String, Long> failuresByReason(Connection connection, Instant since) throws SQLException {
        Map<String, Long> byReason = new TreeMap<>();
        for (Object[] row : rows(connection, """
                select status_code, count(*) from enrollment_event
                where outcome in ('REJECTED', 'FAILED') and occurred_at >= ? and %s
                group by status_code""".formatted(EnrollmentEvent.CLIENT_REQUESTS), since)) {
            byReason.merge(ProblemStatus.reasonOf(((Number) row[0]).intValue()), ((Number) row[1]).longValue(),
                    Long::sum);
        }
        return byReason;
    }
}
