package dev.estserver.operator.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.estserver.operator.status.Reason;

/**
 * Reads the durations of a spec. Kubernetes users write Go durations ({@code 720h}, {@code 1h30m}), cert-manager
 * style, plus {@code d} for days; est-service speaks ISO-8601 ({@code P30D}). Both are accepted here and rendered as
 * ISO-8601 for the service.
 */
public final class SpecDurations {

    private static final Pattern GO_STYLE = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private SpecDurations() {
    }

    /**
     * @param field    the JSON path named in the error, e.g. {@code spec.duration}
     * @param fallback used when {@code text} is null
     * @throws InvalidSpec reason InvalidDuration when the text is neither form or not positive
     */
    public static Duration parse(String field, String text, Duration fallback) throws InvalidSpec {
        if (text == null) {
            return fallback;
        }
        Duration parsed = read(text.trim());
        if (parsed == null || parsed.isZero() || parsed.isNegative()) {
            throw new InvalidSpec(Reason.INVALID_DURATION, field + " must be a positive duration such as 720h, 90d "
                    + "or P90D, got '" + text + "'");
        }
        return parsed;
    }

    private static Duration read(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = GO_STYLE.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return null;
        }
        try {
            return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2))).plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)));
        } catch (ArithmeticException | NumberFormatException e) {
            // Too many digits for a long, or too long for a Duration: the spec is wrong, not the operator.
            return null;
        }
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
