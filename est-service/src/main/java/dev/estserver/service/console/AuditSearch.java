package dev.estserver.service.console;

import java.util.Arrays;
import java.util.List;

import dev.estserver.service.store.EnrollmentEvent;

/**
 * The audit page's filters as its form sends them, passed to the admin API's event query unchanged: blank fields
 * filter nothing.
 *
 * @param from ISO-8601 instant, inclusive
 * @param to   ISO-8601 instant, exclusive
 */
public record AuditSearch(String device, String operation, String outcome, String from, String to) {

    static AuditSearch of(String device, String operation, String outcome, String from, String to) {
        return new AuditSearch(Search.blankToNull(device), Search.blankToNull(operation),
                Search.blankToNull(outcome), Search.blankToNull(from), Search.blankToNull(to));
    }

    /** The outcomes the form offers. */
    public List<String> outcomes() {
        return Arrays.stream(EnrollmentEvent.Outcome.values()).map(Enum::name).toList();
    }

    /** The query string of these filters, for the next page's link. */
    public String query() {
        return new QueryString()
                .with("device", device)
                .with("operation", operation)
                .with("outcome", outcome)
                .with("from", from)
                .with("to", to).toString();
    }
}
