package dev.estserver.service.console;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.estserver.service.admin.FleetStatistics;
import dev.estserver.service.ca.CertificateAuthorities;

/**
 * The overview page: the admin API's statistics (the same numbers, from the same method), the chart of the last day,
 * and the issuing CAs with how long each has left.
 */
public record Overview(FleetStatistics.Stats stats, HourlyChart chart, List<IssuingCa> cas, long devices,
        Instant asOf) {

    /** @param daysLeft whole days until {@code notAfter}; negative once it has passed */
    public record IssuingCa(String name, String subject, Instant notAfter, long daysLeft) {

        /** Within 30 days of its end, when the alert rules fire too. */
        public boolean expiringSoon() {
            return daysLeft < 30;
        }
    }

    static Overview of(FleetStatistics.Stats stats, CertificateAuthorities authorities, Instant now) {
        List<IssuingCa> cas = authorities.byName().entrySet().stream().map(entry -> {
            X509Certificate certificate = entry.getValue().certificate();
            Instant notAfter = certificate.getNotAfter().toInstant();
            return new IssuingCa(entry.getKey(), certificate.getSubjectX500Principal().getName(), notAfter,
                    Duration.between(now, notAfter).toDays());
        }).toList();
        long devices = stats.devicesByStatus().values().stream().mapToLong(Long::longValue).sum();
        return new Overview(stats, HourlyChart.of(stats.enrollmentsPerHour()), cas, devices, now);
    }

    /** Failures by reason, largest first. */
    public List<Map.Entry<String, Long>> failures() {
        return stats.failuresByReason().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
    }

    public long issuedLast24Hours() {
        return stats.enrollmentsPerHour().stream().mapToLong(FleetStatistics.HourCount::count).sum();
    }

    public long refusedLast24Hours() {
        return stats.enrollmentsPerHour().stream().mapToLong(FleetStatistics.HourCount::refused).sum();
    }
}
