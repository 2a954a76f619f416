package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec.AuthenticationSpec;
import dev.estserver.operator.service.Owner;
import dev.estserver.operator.service.RegistrationRequest;
import dev.estserver.operator.service.RegistrationView;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.spec.SpecDurations;

/**
 * What a DeviceEnrollment asks of the service, read and checked once.
 *
 * @param allowedSans null when the spec names no SAN: the label's profile decides
 * @param validity    null: the profile's
 * @param renewBefore null: a third of each certificate's lifetime
 * @param bootstrap   present for method BootstrapSecret
 */
record DesiredEnrollment(RegistrationKey key, List<String> allowedSans, Duration validity, Duration renewBefore,
        boolean suspended, Optional<Bootstrap> bootstrap) {

    static final Duration DEFAULT_BOOTSTRAP_VALIDITY = Duration.ofDays(7);

    /**
     * The HTTP Basic credential the operator hands the device in a Secret.
     *
     * @param reusable false: it enrolls one certificate; true: any number until it expires
     */
    record Bootstrap(String secretName, Duration validity, boolean reusable) {

        /** A reusable credential is replaced once this much of its validity is left, well before pods need it. */
        Duration replaceWhenLeft() {
            return validity.dividedBy(3);
        }
    }

    /** @throws InvalidSpec naming the field of a duration that cannot be read */
    static DesiredEnrollment of(DeviceEnrollment enrollment) throws InvalidSpec {
        DeviceEnrollmentSpec spec = enrollment.getSpec();
        Duration validity = SpecDurations.parse("spec.duration", spec.duration(), null);
        Duration renewBefore = SpecDurations.parse("spec.renewBefore", spec.renewBefore(), null);
        Optional<Bootstrap> bootstrap = Optional.empty();
        if (usesBootstrapSecret(spec)) {
            AuthenticationSpec authentication = spec.authentication();
            bootstrap = Optional.of(new Bootstrap(bootstrapSecretName(enrollment), SpecDurations.parse(
                    "spec.authentication.bootstrapValidity", authentication == null ? null
                            : authentication.bootstrapValidity(), DEFAULT_BOOTSTRAP_VALIDITY),
                    authentication != null && Boolean.TRUE.equals(authentication.reusable())));
        }
        return new DesiredEnrollment(RegistrationKey.of(spec), allowedSans(spec), validity, renewBefore,
                Boolean.TRUE.equals(spec.suspended()), bootstrap);
    }

    static boolean usesBootstrapSecret(DeviceEnrollmentSpec spec) {
        return spec.authentication() == null || spec.authentication().method() == null
                || spec.authentication().method() == AuthenticationSpec.Method.BootstrapSecret;
    }

    static String bootstrapSecretName(DeviceEnrollment enrollment) {
        AuthenticationSpec authentication = enrollment.getSpec().authentication();
        return authentication != null && authentication.bootstrapSecretName() != null
                ? authentication.bootstrapSecretName() : enrollment.getMetadata().getName() + "-est-bootstrap";
    }

    RegistrationRequest request(Owner owner) {
        return new RegistrationRequest(allowedSans, validity == null ? null : validity.toString(), suspended, owner);
    }

    /**
     * True when the service's registration already says what the spec says, and belongs to this very object, so no
     * write is needed. A registration of an earlier object of the same name (deleted and applied again) is written
     * again: the service then makes it the new object's, and a deleted device PENDING again.
     */
    boolean isSatisfiedBy(RegistrationView view, Owner owner) {
        return owner.equals(view.owner())
                && suspended == RegistrationView.SUSPENDED.equals(view.status())
                && asSet(allowedSans).equals(asSet(view.allowedSans()))
                && Optional.ofNullable(validity).equals(readDuration(view.validity()));
    }

    private static List<String> allowedSans(DeviceEnrollmentSpec spec) {
        List<String> sans = new ArrayList<>();
        prefixed("DNS:", spec.dnsNames(), sans);
        prefixed("IP:", spec.ipAddresses(), sans);
        prefixed("URI:", spec.uris(), sans);
        return sans.isEmpty() ? null : List.copyOf(sans);
    }

    private static void prefixed(String prefix, List<String> values, List<String> into) {
        if (values != null) {
            values.forEach(value -> into.add(prefix + value));
        }
    }

    private static Set<String> asSet(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }

    /** The service may render the same lifetime differently (P90D, PT2160H): compare values, not text. */
    private static Optional<Duration> readDuration(String text) {
        try {
            return Optional.ofNullable(text).map(Duration::parse);
        } catch (DateTimeParseException e) {
            return Optional.of(Duration.ZERO);
        }
    }
}
