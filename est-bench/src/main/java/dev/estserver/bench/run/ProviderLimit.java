package dev.estserver.bench.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One provider set's crypto limit with one CA, measured before the CA's first service run and after its last: their
 * difference is how much the machine itself drifted meanwhile.
 *
 * @param computedOn the providers that check the CSRs and sign the certificates, by their JCA names
 */
record ProviderLimit(ProviderSet provider, String computedOn, double atStart, double atEnd) {

    /** The drift between the two measurements, as a share of the first. */
    double noise() {
        return Math.abs(atEnd - atStart) / atStart;
    }

    /** {@code native start=9123/s end=9050/s}, this provider's part of the limit line. */
    String text() {
        return String.format(Locale.ROOT, "%s start=%d/s end=%d/s", provider.id(), Math.round(atStart),
                Math.round(atEnd));
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", provider.id());
        json.put("computedOn", computedOn);
        json.put("atStartPerSecond", atStart);
        json.put("atEndPerSecond", atEnd);
        json.put("differencePerSecond", atEnd - atStart);
        json.put("noise", noise());
        return json;
    }
}
