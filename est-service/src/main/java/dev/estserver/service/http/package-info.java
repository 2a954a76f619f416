/**
 * What every response of the HTTP layer gets, whoever wrote it: canonical header names, HSTS over TLS, a safe end
 * for request bodies still arriving, and the paths a request without TLS may reach.
 */
package dev.estserver.service.http;
