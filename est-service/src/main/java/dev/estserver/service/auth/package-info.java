/**
 * Who is calling, and what that caller may still do: HTTP Basic against hashed bootstrap credentials, one-time
 * codes, TLS client certificates (ours for renewal, configured manufacturer CAs for first enrollment), channel
 * binding, admin tokens and admin client certificates, the label binding of every credential, and failed-login
 * throttling.
 */
package dev.estserver.service.auth;
