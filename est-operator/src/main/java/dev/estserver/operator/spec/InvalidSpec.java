package dev.estserver.operator.spec;

/**
 * A spec the operator cannot act on. It becomes a condition naming the field, never a crash loop: retrying does not
 * help until someone edits the resource.
 *
 * @see dev.estserver.operator.status.Reason
 */
public class InvalidSpec extends Exception {

    private final String reason;

    /**
     * @param reason  the condition reason, e.g. {@code InvalidDuration}
     * @param message names the field, what was expected and what was seen
     */
    public InvalidSpec(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
