package dev.estserver.operator.estserver;

import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;

/**
 * The rules of an EstServer spec that span fields. The CRD states them as CEL too, but an API server without CEL (or
 * the tests' mock) lets such a spec in, and the operator must still answer with a condition rather than a crash.
 */
final class EstServerSpecCheck {

    private EstServerSpecCheck() {
    }

    static void require(EstServerSpec spec) throws InvalidSpec {
        if (spec == null) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec is missing");
        }
        if (spec.ca() == null || (spec.ca().secretRef() == null) == (spec.ca().generate() == null)) {
            throw new InvalidSpec(Reason.CA_SOURCE_CONFLICT, "spec.ca: set exactly one of spec.ca.secretRef and "
                    + "spec.ca.generate, got " + (spec.ca() == null || spec.ca().secretRef() == null ? "neither" : "both"))
                    .concerning(ConditionType.CA_READY);
        }
        if (spec.database() == null) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec.database is required");
        }
        if ((spec.database().url() == null) == (spec.database().host() == null)) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec.database: set exactly one of spec.database.url and "
                    + "spec.database.host, got " + (spec.database().url() == null ? "neither" : "both"));
        }
        if (spec.database().url() != null && !spec.database().url().startsWith("jdbc:postgresql:")) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec.database.url must start with jdbc:postgresql:, got '"
                    + spec.database().url() + "'");
        }
        if (spec.database().usernameSecret() == null || spec.database().passwordSecret() == null) {
            throw new InvalidSpec(Reason.INVALID_SPEC,
                    "spec.database.usernameSecret and spec.database.passwordSecret are required");
        }
        if (spec.replicas() != null && spec.replicas() < 0) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec.replicas must be 0 or more, got " + spec.replicas());
        }
        if (spec.ingress() != null && (spec.ingress().host() == null || spec.ingress().host().isBlank())) {
            throw new InvalidSpec(Reason.INVALID_SPEC, "spec.ingress.host is required when spec.ingress is set");
        }
    }
}
