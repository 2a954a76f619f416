package dev.estserver.service.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Device;

/**
 * The device list's filters as the page's form sends them: blank fields filter nothing.
 *
 * @param expiring {@code 7} or {@code 30}: the current certificate ends within that many days
 */
public record DeviceSearch(String prefix, String label, String status, String expiring) {

    /** What the expiry filter offers, in days. */
    static final List<String> EXPIRY_DAYS = List.of("7", "30");

    static DeviceSearch of(String prefix, String label, String status, String expiring) {
        String days = blankToNull(expiring);
        if (days != null && !EXPIRY_DAYS.contains(days)) {
            throw new RequestRejected(Problem.MALFORMED, "expiring must be one of " + EXPIRY_DAYS + " (days), got '"
                    + days + "'");
        }
        return new DeviceSearch(blankToNull(prefix), blankToNull(label), blankToNull(status), days);
    }

    /** The statuses the form offers. */
    public List<String> statuses() {
        return Arrays.stream(Device.Status.values()).map(Enum::name).toList();
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
        StringBuilder query = new StringBuilder();
        append(query, "q", prefix);
        append(query, "label", label);
        append(query, "status", status);
        append(query, "expiring", expiring);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
