package dev.estserver.bench.load;

/** How a worker uses TLS connections. */
public enum ConnectionMode {
    /** One connection per worker, reused for every enrollment (HTTP/1.1 keep-alive). */
    KEEP_ALIVE,
    /** A new connection and a full TLS handshake per enrollment, as a fleet of distinct devices causes. */
    NEW_CONNECTION,
    /** A new connection per enrollment that offers to resume the worker's previous TLS session. */
    NEW_CONNECTION_RESUMED
}
