/**
 * The HTTPS server's TLS: server certificate and protocol versions, requesting client certificates without
 * requiring them, and keeping the client's chain for authentication.
 */
package dev.estserver.service.tls;
