package dev.estserver.operator.spec;

import java.util.Optional;

/**
 * A spec the operator cannot act on. It becomes a condition naming the field, never a crash loop: retrying does not
 * help until someone edits the resource.
 *
 * @see dev.estserver.operator.status.Reason
 */
public class InvalidSpec extends Exception {

    private final String reason;
    private final transient Optional<String> condition;

    /**
     * @param reason  the condition reason, e.g. {@code InvalidDuration}
     * @param message names the field, what was expected and what was seen
     */
    public InvalidSpec(String reason, String message) {
        this(reason, message, Optional.empty());
    }

    private InvalidSpec(String reason, String message, Optional<String> condition) {
        super(message);
        this.reason = reason;
        this.condition = condition;
    }

    /** The same problem, known to make that condition False (besides Ready), e.g. CAReady for a CA Secret. */
    public InvalidSpec concerning(String conditionType) {
        return new InvalidSpec(reason, getMessage(), Optional.of(conditionType));
    }

    public String reason() {
        return reason;
    }

    /** The condition type this problem makes False besides Ready, if any. */
    public Optional<String> condition() {
        return condition;
    }
}
