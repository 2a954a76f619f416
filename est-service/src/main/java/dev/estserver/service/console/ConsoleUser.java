package dev.estserver.service.console;

import io.quarkus.security.identity.SecurityIdentity;

import dev.estserver.service.auth.ConsoleSessions;
import dev.estserver.service.store.AdminRole;

/**
 * Who is signed in, as every page shows it.
 *
 * @param csrf  the token the page's forms send back
 * @param admin whether the page shows controls that change something; an auditor's pages have none
 */
public record ConsoleUser(String principal, String role, String csrf, boolean admin) {

    static ConsoleUser of(SecurityIdentity identity) {
        return new ConsoleUser(identity.getPrincipal().getName(),
                identity.hasRole(AdminRole.Names.ADMIN) ? AdminRole.Names.ADMIN : AdminRole.Names.AUDITOR,
                ConsoleSessions.csrfToken(identity), identity.hasRole(AdminRole.Names.ADMIN));
    }
}
