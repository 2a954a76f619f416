package dev.estserver.operator.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A bootstrap credential just issued: the one answer that carries its password.
 *
 * @param replaced the earlier credentials of the same owner that the service revoked as it issued this one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedBootstrapCredential(String username, String password, String label, String deviceIdentity,
        boolean oneTime, Instant expiresAt, List<String> replaced) {

    @Override
    public String toString() {
        return "IssuedBootstrapCredential[" + username + ", label=" + label + ", deviceIdentity=" + deviceIdentity
                + ", expiresAt=" + expiresAt + "]";
    }
}
