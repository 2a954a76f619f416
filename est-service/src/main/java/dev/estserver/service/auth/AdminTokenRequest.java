package dev.estserver.service.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An admin API call's {@code Authorization} header, whatever its scheme, and the address it came from. */
final class AdminTokenRequest extends BaseAuthenticationRequest {

    private final String authorization;
    private final String clientAddress;

    /** @param clientAddress null when unknown */
    AdminTokenRequest(String authorization, String clientAddress) {
        this.authorization = authorization;
        this.clientAddress = clientAddress;
    }

    String authorization() {
        return authorization;
    }

    /** The address whose failed attempts are throttled; null when unknown. */
    String clientAddress() {
        return clientAddress;
    }
}
