package dev.estserver.bench.load;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * One load scenario against any EST server.
 *
 * @param estBase      the EST base URL up to and including the optional label, e.g.
 *                     {@code https://est.example:8443/.well-known/est} or {@code .../.well-known/est/iot};
 *                     enrollments POST to {@code <estBase>/simpleenroll}
 * @param trustAnchors the certificates the server's TLS chain must lead to
 * @param concurrency  workers enrolling at once, each on its own connection
 * @param warmup       enrollments during this time are made but not counted
 * @param duration     the measured time after the warm-up
 */
public record LoadSpec(URI estBase, List<X509Certificate> trustAnchors, ClientCredentials credentials,
        int concurrency, ConnectionMode connections, Duration warmup, Duration duration) {
}
