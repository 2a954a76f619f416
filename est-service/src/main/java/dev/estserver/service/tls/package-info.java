/**
 * The HTTPS server's TLS: server certificate and protocol versions, and requesting client certificates without
 * requiring them, so that bootstrap with HTTP Basic works on the same port. {@code auth} reads and judges the chain a
 * client sent.
 */
package dev.estserver.service.tls;
