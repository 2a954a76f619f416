/**
 * What every response of the HTTP layer gets, whoever wrote it: canonical header names, HSTS over TLS, a safe end
 * for request bodies still arriving, the paths a request without TLS may reach, and the status of each kind of
 * refusal, which EST and the admin API share.
 */
package dev.estserver.service.http;
