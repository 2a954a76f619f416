package dev.estserver.service.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.MultiMap;

/**
 * Header names in their canonical spelling ({@code Content-Length}, {@code WWW-Authenticate}) for HTTP/1.x.
 * Names are case-insensitive (RFC 9110 §5.1), but libest finds {@code Content-Type}, {@code Content-Length} and
 * {@code WWW-Authenticate} with a byte-exact compare, and Vert.x writes the headers it adds itself in lower case
 * ({@code content-length}, {@code connection}), so that every libest enrollment failed with
 * {@code EST_ERR_HTTP_UNSUPPORTED}. HTTP/2 and 3 require lower case; this is for HTTP/1.x only.
 */
public final class CanonicalHeaderNames {

    /** Names whose canonical form is not "each dash-separated word capitalised". */
    private static final Map<String, String> IRREGULAR = Map.of("www-authenticate", "WWW-Authenticate");

    private CanonicalHeaderNames() {
    }

    /** {@code content-length} to {@code Content-Length}: each word capitalised, the rest lower case. */
    public static String of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String irregular = IRREGULAR.get(lower);
        if (irregular != null) {
            return irregular;
        }
        char[] chars = lower.toCharArray();
        boolean wordStart = true;
        for (int i = 0; i < chars.length; i++) {
            if (wordStart) {
                chars[i] = Character.toUpperCase(chars[i]);
            }
            wordStart = chars[i] == '-';
        }
        return new String(chars);
    }

    /** Renames every header of {@code headers} that is not spelled canonically, keeping its values and order. */
    static void apply(MultiMap headers) {
        for (String name : List.copyOf(headers.names())) {
            String canonical = of(name);
            if (!canonical.equals(name)) {
                List<String> values = headers.getAll(name);
                headers.remove(name);
                headers.add(canonical, values);
            }
        }
    }
}
