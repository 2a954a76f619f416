package dev.estserver.operator.estserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.status.Check;
import dev.estserver.operator.status.Reason;

/** The ordered checks behind Ready and Degraded: the first that fails names the condition's reason. */
class EstServerStatusAggregatorTest {

    private static final HealthReport UP = new HealthReport(true, true, "every readiness check is up");
    private static final HealthReport DATABASE_DOWN = new HealthReport(true, false,
            "down: Database connections health check");
    private static final HealthReport UNREACHABLE = new HealthReport(false, false, "GET failed: connection refused");

    @Test
    void readyWhenEveryReplicaIsReadyAndTheDatabaseCheckPasses() {
        assertThat(Check.firstFailing(EstServerStatusAggregator.readiness(observed(2, ready(2), UP)))).isEmpty();
        assertThat(Check.firstFailing(EstServerStatusAggregator.degradation(observed(2, ready(2), UP)))).isEmpty();
    }

    @Test
    void podsNotReadyComeBeforeADatabaseThatIsDown() {
        assertThat(firstReadinessReason(observed(2, ready(1), DATABASE_DOWN))).contains(Reason.PODS_STARTING);
    }

    @Test
    void noPodToAskIsStartingNotUnreachable() {
        assertThat(firstReadinessReason(new EstServerStatusAggregator.Observed(1, ready(1), Optional.empty(),
                "no running est-service pod to ask yet"))).contains(Reason.PODS_STARTING);
    }

    @Test
    void aPodThatDoesNotAnswerIsUnreachableAndADatabaseDownIsNamed() {
        assertThat(firstReadinessReason(observed(1, ready(1), UNREACHABLE))).contains(Reason.SERVICE_UNREACHABLE);
        assertThat(firstReadinessReason(observed(1, ready(1), DATABASE_DOWN))).contains(Reason.DATABASE_UNREACHABLE);
    }

    @Test
    void aStalledRolloutIsDegradedBeforeADatabaseThatIsDown() {
        Deployment stalled = new DeploymentBuilder(ready(1)).editStatus().addNewCondition().withType("Progressing")
                .withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"est-6b9f\" has timed out progressing.").endCondition().endStatus().build();

        Optional<Check> degraded = Check.firstFailing(EstServerStatusAggregator.degradation(
                observed(1, stalled, DATABASE_DOWN)));

        assertThat(degraded).get().extracting(Check::reason).isEqualTo("ProgressDeadlineExceeded");
        assertThat(degraded.get().message()).contains("timed out progressing");
    }

    @Test
    void aRolloutStillInProgressIsNotDegraded() {
        Deployment progressing = new DeploymentBuilder(ready(0)).editStatus().addNewCondition()
                .withType("Progressing").withStatus("True").withReason("ReplicaSetUpdated").endCondition().endStatus()
                .build();

        assertThat(Check.firstFailing(EstServerStatusAggregator.degradation(observed(1, progressing, UP)))).isEmpty();
    }

    @Test
    void aDatabaseDownIsDegraded() {
        assertThat(Check.firstFailing(EstServerStatusAggregator.degradation(observed(1, ready(1), DATABASE_DOWN))))
                .get().extracting(Check::reason).isEqualTo(Reason.DATABASE_UNREACHABLE);
    }

    private static Optional<String> firstReadinessReason(EstServerStatusAggregator.Observed observed) {
        return Check.firstFailing(EstServerStatusAggregator.readiness(observed)).map(Check::reason);
    }

    private static EstServerStatusAggregator.Observed observed(int desired, Deployment deployment,
            HealthReport health) {
        return new EstServerStatusAggregator.Observed(desired, deployment, Optional.of(health), "");
    }

    private static Deployment ready(int replicas) {
        return new DeploymentBuilder().withNewStatus().withReadyReplicas(replicas).endStatus().build();
    }
}
