package dev.estserver.service.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The where clause of a list query, made of the filters that were given; absent (null) filters add nothing. */
final class Conditions {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** @param clause a JPQL condition using the named parameter {@code :name} */
    Conditions and(String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
        return this;
    }

    /** A LIKE pattern matching values that start with {@code prefix}, taken literally; use with {@code escape '\'}. */
    static String startingWith(String prefix) {
        return prefix == null ? null
                : prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    String query(String orderBy) {
        return (clauses.isEmpty() ? "" : String.join(" and ", clauses) + " ") + "order by " + orderBy;
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
