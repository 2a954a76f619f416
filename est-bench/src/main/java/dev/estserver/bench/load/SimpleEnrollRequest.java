package dev.estserver.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Encodes {@code POST <estBase>/simpleenroll} requests (RFC 7030 §4.2.1) for one server and credential. */
final class SimpleEnrollRequest {

    /** Everything up to the framing fields, the same for every request of a scenario. */
    private final String head;

    SimpleEnrollRequest(URI estBase, ClientCredentials credentials) {
        String path = estBase.getRawPath().replaceAll("/+$", "") + "/simpleenroll";
        boolean defaultPort = estBase.getPort() < 0 || estBase.getPort() == 443;
        String host = defaultPort ? estBase.getHost() : estBase.getHost() + ":" + estBase.getPort();
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Type: application/pkcs10\r\n")
                // Required by RFC 7030 §4.2.1 and ignored by RFC 8951 servers: sent for the older ones.
                .append("Content-Transfer-Encoding: base64\r\n");
        if (credentials instanceof ClientCredentials.Basic(String username, String password)) {
            String userPass = username + ":" + password;
            head.append("Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        this.head = head.toString();
    }

    /**
     * @param lastOnConnection asks the server to close after answering, so that it does not keep a connection open
     *                         that the client will never use again
     */
    byte[] encode(Csr csr, boolean lastOnConnection) {
        return (head
                + (lastOnConnection ? "Connection: close\r\n" : "")
                + "Content-Length: " + csr.base64().length() + "\r\n\r\n"
                + csr.base64()).getBytes(StandardCharsets.ISO_8859_1);
    }
}
