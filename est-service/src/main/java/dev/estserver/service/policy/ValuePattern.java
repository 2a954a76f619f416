package dev.estserver.service.policy;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern a name's value must match as a whole: a Java regular expression, or a DNS wildcard {@code *.suffix}
 * where the star stands for exactly one DNS label (as in TLS). A leading {@code *} is never a valid regular
 * expression, so the two forms cannot be confused.
 */
public record ValuePattern(String source, Pattern pattern) {

    private static final String ONE_DNS_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    public static ValuePattern parse(String source) {
        if (source.startsWith("*.")) {
            String suffix = source.substring(1).toLowerCase(Locale.ROOT);
            return new ValuePattern(source, Pattern.compile(ONE_DNS_LABEL + Pattern.quote(suffix),
                    Pattern.CASE_INSENSITIVE));
        }
        try {
            return new ValuePattern(source, Pattern.compile(source));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + source + "' is neither a DNS wildcard (*.example.com) nor a "
                    + "regular expression: " + e.getDescription(), e);
        }
    }

    public boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return "'" + source + "'";
    }
}
