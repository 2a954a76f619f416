package dev.estserver.operator.estserver;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerStatus;
import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Check;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.status.StatusConditions;

/**
 * Turns what the reconciler saw into the EstServer's status: four conditions and the figures beside them. Ready and
 * Degraded each come from an ordered list of checks ({@link #readiness}, {@link #degradation}); conditions not
 * evaluated this time keep what they said, so that a status says only what is known now.
 */
final class EstServerStatusAggregator {

    /** What Deployment's controller reports when a rollout made no progress within progressDeadlineSeconds. */
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    /**
     * What the reconciler saw of the running service.
     *
     * @param deployment null until it exists
     * @param health     empty when no pod could be asked yet
     * @param podsNote   why no pod was asked, when health is empty
     */
    record Observed(int desiredReplicas, Deployment deployment, Optional<HealthReport> health, String podsNote) {

        int readyReplicas() {
            return deployment == null || deployment.getStatus() == null
                    || deployment.getStatus().getReadyReplicas() == null ? 0
                            : deployment.getStatus().getReadyReplicas();
        }

        /** The Deployment's Progressing condition when its controller gave up on the rollout. */
        Optional<DeploymentCondition> stalledRollout() {
            return deployment == null || deployment.getStatus() == null
                    || deployment.getStatus().getConditions() == null ? Optional.empty()
                            : deployment.getStatus().getConditions().stream()
                                    .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                                            && PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason()))
                                    .findFirst();
        }

        boolean databaseDown() {
            return health.isPresent() && health.get().reachable() && !health.get().databaseUp();
        }
    }

    private EstServerStatusAggregator() {
    }

    /** Why the server is not Ready, most fundamental first. */
    static List<Check> readiness(Observed observed) {
        int ready = observed.readyReplicas();
        int desired = observed.desiredReplicas();
        Optional<HealthReport> health = observed.health();
        return List.of(
                Check.failsIf(ready < desired, Reason.PODS_STARTING, ready + " of " + desired + " pods ready"),
                Check.failsIf(health.isEmpty(), Reason.PODS_STARTING, observed.podsNote()),
                Check.failsIf(health.isPresent() && !health.get().reachable(), Reason.SERVICE_UNREACHABLE,
                        health.map(HealthReport::detail).orElse("")),
                Check.failsIf(observed.databaseDown(), Reason.DATABASE_UNREACHABLE,
                        "pods are up but the database check fails: " + health.map(HealthReport::detail).orElse("")));
    }

    /** What needs a person, most fundamental first. */
    static List<Check> degradation(Observed observed) {
        Optional<DeploymentCondition> stalled = observed.stalledRollout();
        return List.of(
                Check.failsIf(stalled.isPresent(), PROGRESS_DEADLINE_EXCEEDED,
                        stalled.map(c -> "the rollout of the pods stalled: " + c.getMessage()).orElse("")),
                Check.failsIf(observed.databaseDown(), Reason.DATABASE_UNREACHABLE,
                        observed.health().map(HealthReport::detail).orElse("")));
    }

    /** The spec, a Secret it names, or the CA cannot be used: nothing was rendered this time. */
    static EstServerStatus invalid(EstServer server, InvalidSpec problem, Instant now) {
        EstServerStatus previous = server.getStatus();
        StatusConditions conditions = StatusConditions.after(previous == null ? null : previous.conditions(),
                server.getMetadata().getGeneration(), now);
        problem.condition().ifPresentOrElse(type -> conditions.set(type, false, problem.reason(), problem.getMessage()),
                () -> conditions.keep(ConditionType.CA_READY));
        keepOr(conditions, ConditionType.DATABASE_READY, "not checked while the spec cannot be rendered");
        conditions.set(ConditionType.READY, false, problem.reason(), problem.getMessage());
        conditions.set(ConditionType.DEGRADED, true, problem.reason(), problem.getMessage());
        return new EstServerStatus(server.getMetadata().getGeneration(), conditions.build(),
                previous == null ? null : previous.endpoint(), DeploymentDependent.replicas(server),
                previous == null ? null : previous.readyReplicas(),
                previous == null ? null : previous.caSerial(), previous == null ? null : previous.caNotAfter());
    }

    /** The reconcile failed unexpectedly: Ready and Degraded say so; the rest as last known. */
    static EstServerStatus failed(EstServer server, String message, Instant now) {
        EstServerStatus previous = server.getStatus();
        StatusConditions conditions = StatusConditions.after(previous == null ? null : previous.conditions(),
                server.getMetadata().getGeneration(), now).keep(ConditionType.CA_READY);
        keepOr(conditions, ConditionType.DATABASE_READY, "not checked: the reconcile failed");
        conditions.set(ConditionType.READY, false, Reason.RECONCILE_ERROR, message);
        conditions.set(ConditionType.DEGRADED, true, Reason.RECONCILE_ERROR, message);
        return previous == null
                ? new EstServerStatus(server.getMetadata().getGeneration(), conditions.build(), null, null, null,
                        null, null)
                : new EstServerStatus(previous.observedGeneration(), conditions.build(), previous.endpoint(),
                        previous.replicas(), previous.readyReplicas(), previous.caSerial(), previous.caNotAfter());
    }

    static EstServerStatus rendered(EstServer server, RenderInputs inputs, Observed observed, Instant now) {
        EstServerStatus previous = server.getStatus();
        StatusConditions conditions = StatusConditions.after(previous == null ? null : previous.conditions(),
                server.getMetadata().getGeneration(), now);
        CaMaterial ca = inputs.ca();
        conditions.set(ConditionType.CA_READY, true,
                server.getSpec().ca().generate() != null ? Reason.CA_GENERATED : Reason.CA_LOADED,
                "CA " + ca.certificate().getSubjectX500Principal().getName() + " from Secret " + ca.secretName()
                        + ", valid until " + ca.certificate().getNotAfter().toInstant()
                        + (ca.rollover().isEmpty() ? "" : "; rollover certificates published: "
                                + ca.rollover().keySet()));
        databaseReady(conditions, observed);
        Check.firstFailing(readiness(observed)).ifPresentOrElse(
                failing -> conditions.set(ConditionType.READY, false, failing.reason(), failing.message()),
                () -> conditions.set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE,
                        observed.readyReplicas() + " of " + observed.desiredReplicas()
                                + " pods ready; database reachable"));
        Check.firstFailing(degradation(observed)).ifPresentOrElse(
                failing -> conditions.set(ConditionType.DEGRADED, true, failing.reason(), failing.message()),
                () -> conditions.set(ConditionType.DEGRADED, false, Reason.AS_EXPECTED, "nothing needs attention"));
        return new EstServerStatus(server.getMetadata().getGeneration(), conditions.build(), inputs.endpoint(),
                observed.desiredReplicas(), observed.readyReplicas(),
                ca.serialHex(),
                ca.certificate().getNotAfter().toInstant().toString());
    }

    private static void databaseReady(StatusConditions conditions, Observed observed) {
        Optional<HealthReport> health = observed.health();
        if (health.isEmpty()) {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.PODS_STARTING, observed.podsNote());
        } else if (!health.get().reachable()) {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.SERVICE_UNREACHABLE, health.get().detail());
        } else if (health.get().databaseUp()) {
            conditions.set(ConditionType.DATABASE_READY, true, Reason.DATABASE_REACHABLE,
                    "est-service's database check passes");
        } else {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.DATABASE_UNREACHABLE, health.get().detail());
        }
    }

    private static void keepOr(StatusConditions conditions, String type, String notEvaluated) {
        if (!conditions.keep(type).has(type)) {
            conditions.set(type, false, Reason.NOT_EVALUATED, notEvaluated);
        }
    }
}
