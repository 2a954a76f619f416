package dev.estserver.service.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Rules for one kind of name in a CSR (subject attributes, or subject alternative name types), each violation
 * reported with the property that states the rule.
 *
 * @param what     what the names are, for messages ("subject", "subjectAltName")
 * @param property the configuration prefix of these rules, such as {@code est.profiles.iot.subject}
 * @param allowed  when present, the only names that may appear
 */
public record NameRules(String what, String property, Set<String> required, Optional<Set<String>> allowed,
        Set<String> forbidden, Map<String, ValuePattern> patterns) {

    /** True when these rules do not constrain anything. */
    public boolean isEmpty() {
        return required.isEmpty() && allowed.isEmpty() && forbidden.isEmpty() && patterns.isEmpty();
    }

    /**
     * @param names the names found in the CSR, each with its values, keyed as the rules are
     * @param seen  how the CSR's names read, for messages
     */
    public void check(Map<String, List<String>> names, String seen) {
        for (String name : required) {
            if (!names.containsKey(name)) {
                throw violation(name + " is required (" + property + ".required) but the CSR " + what + " has none",
                        seen);
            }
        }
        for (String name : names.keySet()) {
            if (forbidden.contains(name)) {
                throw violation(name + " is forbidden (" + property + ".forbidden)", seen);
            }
            if (allowed.isPresent() && !allowed.get().contains(name)) {
                throw violation(name + " is not allowed (" + property + ".allowed=" + String.join(",",
                        new TreeSet<>(allowed.get())) + ")", seen);
            }
        }
        patterns.forEach((name, pattern) -> {
            for (String value : names.getOrDefault(name, List.of())) {
                if (!pattern.matches(value)) {
                    throw violation(name + " '" + value + "' does not match " + pattern + " (" + property
                            + ".patterns." + name + ")", seen);
                }
            }
        });
    }

    private RequestRejected violation(String rule, String seen) {
        return new RequestRejected(Problem.MALFORMED, "CSR " + what + " violates the profile: " + rule + "; CSR "
                + what + ": " + (seen.isEmpty() ? "(empty)" : seen));
    }
}
