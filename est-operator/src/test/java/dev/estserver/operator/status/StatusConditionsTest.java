package dev.estserver.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;

class StatusConditionsTest {

    private static final Instant EARLIER = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-02T12:30:00.750Z");

    private static List<Condition> earlier(boolean ready) {
        return StatusConditions.after(null, 1L, EARLIER)
                .set(ConditionType.READY, ready, Reason.PODS_STARTING, "0 of 1 pods ready")
                .set(ConditionType.CA_READY, true, Reason.CA_GENERATED, "CA generated").build();
    }

    @Test
    void aTransitionIsANewConditionOrAChangedStatusOrReasonNotAChangedMessage() {
        List<Condition> before = earlier(false);
        List<Condition> sameReason = StatusConditions.after(before, 2L, NOW)
                .set(ConditionType.READY, false, before.getFirst().getReason(), "another message").build();
        List<Condition> otherReason = StatusConditions.after(before, 2L, NOW)
                .set(ConditionType.READY, false, Reason.DATABASE_UNREACHABLE, "database down").build();

        assertThat(StatusConditions.transition(before, sameReason, ConditionType.READY)).isEmpty();
        assertThat(StatusConditions.transition(before, otherReason, ConditionType.READY)).isPresent();
        assertThat(StatusConditions.transition(null, before, ConditionType.READY)).isPresent();
        assertThat(StatusConditions.transition(before, before, ConditionType.DEGRADED)).isEmpty();
    }

    @Test
    void keepsLastTransitionTimeWhileTheStatusHolds() {
        List<Condition> next = StatusConditions.after(earlier(false), 2L, NOW)
                .set(ConditionType.READY, false, Reason.DATABASE_UNREACHABLE, "another reason, same status").build();

        Condition ready = StatusConditions.find(next, ConditionType.READY).orElseThrow();
        assertThat(ready.getLastTransitionTime()).isEqualTo(EARLIER.toString());
        assertThat(ready.getReason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
        assertThat(ready.getMessage()).isEqualTo("another reason, same status");
    }

    @Test
    void takesTheNewTimeTruncatedToSecondsWhenTheStatusFlips() {
        List<Condition> next = StatusConditions.after(earlier(false), 2L, NOW)
                .set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE, "1 of 1 pods ready").build();

        Condition ready = StatusConditions.find(next, ConditionType.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2025-01-02T12:30:00Z");
    }

    @Test
    void takesTheNewTimeForAConditionSeenForTheFirstTime() {
        List<Condition> next = StatusConditions.after(earlier(true), 2L, NOW)
                .set(ConditionType.DEGRADED, false, Reason.AS_EXPECTED, "nothing needs attention").build();

        assertThat(StatusConditions.find(next, ConditionType.DEGRADED).orElseThrow().getLastTransitionTime())
                .isEqualTo("2025-01-02T12:30:00Z");
    }

    @Test
    void setsTheObservedGenerationOnEveryCondition() {
        List<Condition> next = StatusConditions.after(earlier(true), 7L, NOW)
                .set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE, "ready")
                .set(ConditionType.CA_READY, true, Reason.CA_GENERATED, "CA generated").build();

        assertThat(next).extracting(Condition::getObservedGeneration).containsOnly(7L);
    }

    @Test
    void treatsAMissingGenerationAsZero() {
        assertThat(StatusConditions.after(null, null, NOW).set(ConditionType.READY, true, Reason.VALID, "ok").build())
                .extracting(Condition::getObservedGeneration).containsExactly(0L);
    }

    @Test
    void replacesAConditionOfTheSameTypeKeepingOnlyTheLastOne() {
        StatusConditions conditions = StatusConditions.after(null, 1L, NOW)
                .set(ConditionType.READY, false, Reason.PODS_STARTING, "first")
                .set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE, "second");

        assertThat(conditions.build()).singleElement().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo(Reason.DEPLOYMENT_AVAILABLE);
            assertThat(c.getMessage()).isEqualTo("second");
        });
        assertThat(conditions.isTrue(ConditionType.READY)).isTrue();
    }

    @Test
    void leavesOutConditionsOfThePreviousStatusThatAreNotSetAgain() {
        List<Condition> next = StatusConditions.after(earlier(true), 2L, NOW)
                .set(ConditionType.READY, true, Reason.DEPLOYMENT_AVAILABLE, "ready").build();

        assertThat(next).extracting(Condition::getType).containsExactly(ConditionType.READY);
    }

    @Test
    void anUnchangedStatusBuildsAnEqualListSoThatNothingIsWritten() {
        List<Condition> before = earlier(false);

        List<Condition> again = StatusConditions.after(before, 1L, NOW)
                .set(ConditionType.READY, false, Reason.PODS_STARTING, "0 of 1 pods ready")
                .set(ConditionType.CA_READY, true, Reason.CA_GENERATED, "CA generated").build();

        assertThat(again).isEqualTo(before);
    }

    @Test
    void anUnsetConditionIsNotTrue() {
        assertThat(StatusConditions.after(null, 1L, NOW).isTrue(ConditionType.READY)).isFalse();
    }
}
