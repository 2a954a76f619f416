package dev.estserver.service.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How the console's templates write values: every time in UTC, to the second, as the audit and logs have it. */
@TemplateExtension
final class ConsoleFormats {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}
