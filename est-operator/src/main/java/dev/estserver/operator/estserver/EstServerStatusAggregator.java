package dev.estserver.operator.estserver;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerStatus;
import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.ConditionType;
import dev.estserver.operator.status.Reason;
import dev.estserver.operator.status.StatusConditions;

/** Turns what the reconciler saw into the EstServer's status: four conditions and the figures beside them. */
final class EstServerStatusAggregator {

    private EstServerStatusAggregator() {
    }

    /** The spec, a Secret it names, or the CA cannot be used: nothing was rendered this time. */
    static EstServerStatus invalid(EstServer server, InvalidSpec problem, Instant now) {
        EstServerStatus previous = server.getStatus();
        boolean caProblem = problem.getMessage().startsWith("spec.ca");
        StatusConditions conditions = StatusConditions.after(previous == null ? null : previous.conditions(),
                server.getMetadata().getGeneration(), now);
        if (caProblem) {
            conditions.set(ConditionType.CA_READY, false, problem.reason(), problem.getMessage());
        } else if (previous != null) {
            StatusConditions.find(previous.conditions(), ConditionType.CA_READY).ifPresent(c -> conditions.set(
                    c.getType(), "True".equals(c.getStatus()), c.getReason(), c.getMessage()));
        }
        StatusConditions.find(previous == null ? null : previous.conditions(), ConditionType.DATABASE_READY)
                .ifPresentOrElse(c -> conditions.set(c.getType(), "True".equals(c.getStatus()), c.getReason(),
                        c.getMessage()), () -> conditions.set(ConditionType.DATABASE_READY, false,
                                Reason.NOT_EVALUATED, "not checked while the spec cannot be rendered"));
        conditions.set(ConditionType.READY, false, problem.reason(), problem.getMessage());
        conditions.set(ConditionType.DEGRADED, true, problem.reason(), problem.getMessage());
        return new EstServerStatus(server.getMetadata().getGeneration(), conditions.build(),
                previous == null ? null : previous.endpoint(), DeploymentDependent.replicas(server),
                previous == null ? null : previous.readyReplicas(),
                previous == null ? null : previous.caSerial(), previous == null ? null : previous.caNotAfter());
    }

    /**
     * @param health empty when no pod could be asked yet
     */
    static EstServerStatus rendered(EstServer server, RenderInputs inputs, Deployment deployment,
            Optional<HealthReport> health, String podsNote, Instant now) {
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

        int desired = DeploymentDependent.replicas(server);
        int ready = deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getReadyReplicas() == null ? 0 : deployment.getStatus().getReadyReplicas();
        Optional<DeploymentCondition> stalled = deployment == null || deployment.getStatus() == null
                || deployment.getStatus().getConditions() == null ? Optional.empty()
                        : deployment.getStatus().getConditions().stream()
                                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus()))
                                .findFirst();

        if (health.isEmpty()) {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.PODS_STARTING, podsNote);
        } else if (!health.get().reachable()) {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.SERVICE_UNREACHABLE, health.get().detail());
        } else if (health.get().databaseUp()) {
            conditions.set(ConditionType.DATABASE_READY, true, Reason.DATABASE_REACHABLE,
                    "est-service's database check passes");
        } else {
            conditions.set(ConditionType.DATABASE_READY, false, Reason.DATABASE_UNREACHABLE, health.get().detail());
        }

        boolean available = ready >= desired;
        boolean databaseReady = conditions.isTrue(ConditionType.DATABASE_READY);
        if (available && databaseReady) {
            conditions.set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE,
                    ready + " of " + desired + " pods ready; database reachable");
        } else if (!available) {
            conditions.set(ConditionType.READY, false, Reason.PODS_STARTING,
                    ready + " of " + desired + " pods ready");
        } else {
            conditions.set(ConditionType.READY, false, Reason.DATABASE_UNREACHABLE,
                    "pods are up but the database check fails");
        }
        if (stalled.isPresent()) {
            conditions.set(ConditionType.DEGRADED, true, stalled.get().getReason(), stalled.get().getMessage());
        } else if (health.isPresent() && health.get().reachable() && !health.get().databaseUp()) {
            conditions.set(ConditionType.DEGRADED, true, Reason.DATABASE_UNREACHABLE, health.get().detail());
        } else {
            conditions.set(ConditionType.DEGRADED, false, Reason.AS_EXPECTED, "nothing needs attention");
        }
        return new EstServerStatus(server.getMetadata().getGeneration(), conditions.build(), inputs.endpoint(),
                desired, ready, ca.certificate().getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                ca.certificate().getNotAfter().toInstant().toString());
    }
}
