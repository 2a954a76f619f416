package dev.estserver.service.store;

import java.util.Locale;

/** What an admin token may do. */
public enum AdminRole {
    /** Everything, including changes: decisions, suspending, revoking, creating credentials. */
    ADMIN,
    /** Reading only: lists, details, events and statistics. */
    AUDITOR;

    /** Whether a caller of this role may do what needs {@code required}. */
    public boolean permits(AdminRole required) {
        return this == ADMIN || required == AUDITOR;
    }

    /** The name in reasons and configuration: {@code admin}, {@code auditor}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
