package dev.estserver.bench.load;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 response as read off the connection.
 *
 * @param status            the status code
 * @param headers           by lower-case name; repeated fields joined with {@code ", "}
 * @param body              the payload after de-chunking
 * @param closesConnection  the server ends the connection after this response (it said {@code Connection: close},
 *                          spoke HTTP/1.0, or delimited the body by closing), so it must not be reused
 */
record HttpResponse(int status, Map<String, String> headers, byte[] body, boolean closesConnection) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
