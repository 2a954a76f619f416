/**
 * The Full PKI Request and Response of CMC (RFC 5272) that EST's {@code /fullcmc} carries: parsing the request into
 * a PKCS#10 request with its controls, and building the signed response.
 */
package dev.estserver.service.protocol.est.cmc;
