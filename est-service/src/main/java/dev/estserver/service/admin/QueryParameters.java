package dev.estserver.service.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** Filters of the admin lists, read from query parameters; a blank or absent parameter does not filter. */
final class QueryParameters {

    private QueryParameters() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A whole number. */
    static Long number(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new RequestRejected(Problem.MALFORMED, name + " must be a whole number, got '" + value + "'");
        }
    }

    /** An ISO-8601 duration such as {@code P7D}, or {@code otherwise} when absent. */
    static Duration duration(String name, String value, Duration otherwise) {
        String given = text(value);
        if (given == null) {
            return otherwise;
        }
        try {
            return Duration.parse(given);
        } catch (DateTimeParseException e) {
            throw new RequestRejected(Problem.MALFORMED, name + " must be an ISO-8601 duration such as P7D or PT12H, "
                    + "got '" + value + "'");
        }
    }

    /** An ISO-8601 (RFC 3339) instant such as {@code 2026-01-31T00:00:00Z}. */
    static Instant instant(String name, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new RequestRejected(Problem.MALFORMED, name + " must be an ISO-8601 instant such as "
                    + "2026-01-31T00:00:00Z, got '" + value + "'");
        }
    }

    /** One of the constants of {@code type}, in any case. */
    static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.MALFORMED, name + " must be one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
        }
    }
}
