package dev.estserver.service.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Username and password from an {@code Authorization: Basic} header (RFC 7617). */
public record BasicCredentials(String username, String password) {

    /** Empty when the header is absent or not a well-formed Basic header. */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }
}
