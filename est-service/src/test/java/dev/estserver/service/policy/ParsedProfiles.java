package dev.estserver.service.policy;

import dev.estserver.service.support.TestProfiles;

/**
 * Profiles parsed from properties exactly as the service parses its configuration, for the tests of packages that
 * use profiles: {@link ProfileParser} is package-private, since only {@link Profiles} parses configuration.
 */
public final class ParsedProfiles {

    private ParsedProfiles() {
    }

    /** @param keysAndValues properties as under {@code est.profiles.<name>.}, see {@link TestProfiles#config} */
    public static Profile parse(String name, String... keysAndValues) {
        return ProfileParser.parse(name, TestProfiles.config(keysAndValues));
    }
}
