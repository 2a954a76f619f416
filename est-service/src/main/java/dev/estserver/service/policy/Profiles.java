package dev.estserver.service.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Resolves the label of a request to its profile. Built once at startup from configuration. Outside demo mode only
 * the configured labels are served: the unlabeled path too only when {@code est.labels.default} names a profile.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class Profiles {

    /** The label of the unlabeled path {@code /.well-known/est/<operation>}. */
    public static final String DEFAULT_LABEL = "default";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Map<String, Profile> byLabel;

    Profiles(EstConfig config, CertificateAuthorities authorities) {
        Map<String, Profile> profiles = new HashMap<>();
        config.profiles().forEach((name, profile) -> {
            Profile parsed = ProfileParser.parse(name, profile);
            if (!authorities.byName().containsKey(parsed.issuingCa())) {
                throw new IllegalArgumentException("est.profiles." + name + ".issuing-ca: no issuing CA named '"
                        + parsed.issuingCa() + "'; configured: " + authorities.byName().keySet()
                        + " (est.ca.* is 'default', others are est.cas.<name>.*)");
            }
            profiles.put(name, parsed);
        });
        Map<String, Profile> labels = new HashMap<>();
        Map<String, String> configured = new HashMap<>(config.labels());
        if (config.demo().enabled()) {
            configured.putIfAbsent(DEFAULT_LABEL, DEFAULT_LABEL);
        }
        configured.forEach((label, profileName) -> {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("est.labels: label '" + label
                        + "' must match " + LABEL.pattern());
            }
            Profile profile = profiles.get(profileName);
            if (profile == null) {
                throw new IllegalArgumentException("est.labels." + label + ": no profile named '" + profileName
                        + "' (configure est.profiles." + profileName + ".*); known profiles: " + profiles.keySet());
            }
            labels.put(label, profile);
        });
        this.byLabel = Map.copyOf(labels);
    }

    /** Every label with its profile. */
    public Map<String, Profile> byLabel() {
        return byLabel;
    }

    public Profile forLabel(String label) {
        Profile profile = byLabel.get(label);
        if (profile == null && DEFAULT_LABEL.equals(label)) {
            throw new RequestRejected(Problem.NOT_FOUND, "the unlabeled path /.well-known/est/ is not served: "
                    + "outside demo mode it is off until est.labels.default names its profile; this server serves "
                    + "the labels " + byLabel.keySet().stream().sorted().toList());
        }
        if (profile == null) {
            throw new RequestRejected(Problem.NOT_FOUND, "unknown EST label '" + label + "'; this server serves "
                    + byLabel.keySet().stream().sorted().toList());
        }
        return profile;
    }
}
