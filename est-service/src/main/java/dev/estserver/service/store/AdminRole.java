package dev.estserver.service.store;

import java.util.Locale;

/** What an admin caller may do; each admin resource method names the roles it admits with {@code @RolesAllowed}. */
public enum AdminRole {
    /** Everything, including changes: decisions, suspending, revoking, creating credentials. */
    ADMIN,
    /** Reading only: lists, details, events and statistics. */
    AUDITOR;

    /** The roles' names for {@code @RolesAllowed}, which takes constants only; each is its role's configName(). */
    public static final class Names {

        public static final String ADMIN = "admin";
        public static final String AUDITOR = "auditor";

        private Names() {
        }
    }

    /** The name in reasons, configuration and the security identity: {@code admin}, {@code auditor}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
