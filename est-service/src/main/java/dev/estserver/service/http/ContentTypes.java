package dev.estserver.service.http;

import java.util.Locale;
import java.util.Optional;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** The check of a request's {@code Content-Type}, shared by the protocols that take a body over HTTP. */
public final class ContentTypes {

    private ContentTypes() {
    }

    /** Compares the type/subtype case-insensitively and ignores parameters such as charset. */
    public static void require(Optional<String> contentType, String expected) {
        String seen = contentType.map(String::trim).orElse("");
        int semicolon = seen.indexOf(';');
        String essence = (semicolon < 0 ? seen : seen.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (!essence.equals(expected)) {
            throw new RequestRejected(Problem.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + expected + ", got "
                    + (seen.isEmpty() ? "none" : "'" + seen + "'"));
        }
    }
}
