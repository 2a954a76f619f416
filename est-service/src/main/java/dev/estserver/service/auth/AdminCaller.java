package dev.estserver.service.auth;

import io.quarkus.security.identity.SecurityIdentity;

import dev.estserver.service.context.Caller;
import dev.estserver.service.store.AdminRole;

/**
 * An admin caller whose credential was verified, whether for one admin API call or to open a console session.
 *
 * @param credential how refusals name the credential, such as {@code admin token 'audit'}
 */
record AdminCaller(Caller caller, AdminRole role, String credential) {

    SecurityIdentity identity() {
        return AdminIdentity.of(this).build();
    }
}
