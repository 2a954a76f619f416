package dev.estserver.operator.status;

import java.util.List;
import java.util.Optional;

/**
 * One thing that keeps a condition from its good state, and why. A condition comes from an ordered list of checks:
 * the first that fails decides its reason and message, so the most fundamental problem is the one shown.
 *
 * @param failing whether this check fails now
 */
public record Check(boolean failing, String reason, String message) {

    public static Check failsIf(boolean failing, String reason, String message) {
        return new Check(failing, reason, message);
    }

    /** The first failing check of the list, in order; empty when every one passes. */
    public static Optional<Check> firstFailing(List<Check> checks) {
        return checks.stream().filter(Check::failing).findFirst();
    }
}
