package dev.estserver.service.auth;

import java.util.List;
import java.util.Optional;

/**
 * The credentials one request presents, and the address it came from, which the brute-force limits count.
 *
 * @param clientAddress the client's IP address; null when unknown
 */
public record Presented(String clientAddress, List<Credentials> credentials) {

    public Presented {
        credentials = List.copyOf(credentials);
    }

    /** The credentials of one kind, when the request presents them. */
    public <T extends Credentials> Optional<T> find(Class<T> kind) {
        return credentials.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
