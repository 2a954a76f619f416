package dev.estserver.operator.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

/**
 * Builds the next condition list of a resource from the previous one. A condition whose status did not change keeps
 * its lastTransitionTime, so {@code kubectl get} shows since when a state holds, and a status that did not change
 * at all compares equal and costs no write.
 */
public final class StatusConditions {

    private final Map<String, Condition> previous;
    private final long generation;
    private final Instant now;
    private final List<Condition> next = new ArrayList<>();

    private StatusConditions(List<Condition> previous, long generation, Instant now) {
        this.previous = previous == null ? Map.of()
                : previous.stream().collect(Collectors.toMap(Condition::getType, Function.identity(), (a, b) -> b));
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** @param previous the conditions in the current status, may be null */
    public static StatusConditions after(List<Condition> previous, Long generation, Instant now) {
        return new StatusConditions(previous, generation == null ? 0 : generation, now);
    }

    /**
     * @param reason  UpperCamelCase, one of the {@code Reason} constants
     * @param message a sentence for people: which field, what was expected, what was seen
     */
    public StatusConditions set(String type, boolean status, String reason, String message) {
        String value = status ? "True" : "False";
        Condition before = previous.get(type);
        String since = before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now.toString();
        next.removeIf(c -> c.getType().equals(type));
        next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    /** Carries the previous condition of that type over unchanged, if there was one. */
    public StatusConditions keep(String type) {
        Condition before = previous.get(type);
        if (before != null) {
            next.removeIf(c -> c.getType().equals(type));
            next.add(before);
        }
        return this;
    }

    /** Whether a condition of that type was set or kept so far. */
    public boolean has(String type) {
        return next.stream().anyMatch(c -> c.getType().equals(type));
    }

    /** The status of a condition set so far, false when unset. */
    public boolean isTrue(String type) {
        return next.stream().anyMatch(c -> c.getType().equals(type) && "True".equals(c.getStatus()));
    }

    public List<Condition> build() {
        return List.copyOf(next);
    }

    /**
     * The condition of that type in {@code after} when it is new or its status or reason differs from
     * {@code before}'s: a transition worth an Event, where a resync that changed nothing has none.
     */
    public static Optional<Condition> transition(List<Condition> before, List<Condition> after, String type) {
        Optional<Condition> then = find(before, type);
        return find(after, type).filter(now -> then.isEmpty() || !Objects.equals(now.getStatus(),
                then.get().getStatus()) || !Objects.equals(now.getReason(), then.get().getReason()));
    }

    /** The condition of that type in a list, if any. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
    }
}
