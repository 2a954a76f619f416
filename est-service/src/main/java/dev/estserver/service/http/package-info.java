/**
 * What every response of the HTTP layer gets, whoever wrote it: canonical header names, HSTS over TLS, a safe end
 * for request bodies still arriving, the paths a request without TLS may reach, the Content-Type check, the status
 * of each kind of refusal, which EST and the admin API share, and how a refusal ends: a text reason, one log line
 * with the request id and one audit row.
 */
package dev.estserver.service.http;
