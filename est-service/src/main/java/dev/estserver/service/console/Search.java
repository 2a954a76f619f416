package dev.estserver.service.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The filters of a list page (devices, certificates) as its form sends them: blank fields filter nothing.
 *
 * @param prefix   the device identity starts with this
 * @param expiring {@code 7} or {@code 30}: the (current) certificate ends within that many days
 * @param statuses what the status filter offers
 */
public record Search(String prefix, String label, String status, String expiring, List<String> statuses) {

    /** What the expiry filter offers, in days. */
    static final List<String> EXPIRY_DAYS = List.of("7", "30");

    static Search of(String prefix, String label, String status, String expiring, Enum<?>[] statuses) {
        String days = blankToNull(expiring);
        if (days != null && !EXPIRY_DAYS.contains(days)) {
            throw new RequestRejected(Problem.MALFORMED, "expiring must be one of " + EXPIRY_DAYS + " (days), got '"
                    + days + "'");
        }
        return new Search(blankToNull(prefix), blankToNull(label), blankToNull(status), days,
                Arrays.stream(statuses).map(Enum::name).toList());
    }

    public List<String> expiryDays() {
        return EXPIRY_DAYS;
    }

    /** The admin API's {@code expiringBefore}, or null. */
    String expiringBefore(Instant now) {
        return expiring == null ? null : now.plus(Duration.ofDays(Long.parseLong(expiring))).toString();
    }

    /** The query string of these filters, for the next page's link. */
    public String query() {
        return new QueryString()
                .with("q", prefix)
                .with("label", label)
                .with("status", status)
                .with("expiring", expiring).toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
