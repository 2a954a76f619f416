package dev.estserver.operator.service;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A bootstrap credential just issued: the one answer that carries its password. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedBootstrapCredential(String username, String password, String label, String deviceIdentity,
        boolean oneTime, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedBootstrapCredential[" + username + ", label=" + label + ", deviceIdentity=" + deviceIdentity
                + ", expiresAt=" + expiresAt + "]";
    }
}
