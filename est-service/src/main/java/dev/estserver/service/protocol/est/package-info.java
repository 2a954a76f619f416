/**
 * The EST protocol (RFC 7030): the JAX-RS resource for {@code /.well-known/est[/<label>]/<operation>}, media types,
 * base64 bodies, PKCS#7 certs-only and multipart responses, and the mapping of refusals to status codes and reasons
 * that EST clients read, with their remedies in EST's words. It turns each request into the neutral calls of the
 * enrollment core ({@code auth} credentials, {@code enrollment}); a second protocol is a package beside it.
 */
package dev.estserver.service.protocol.est;
