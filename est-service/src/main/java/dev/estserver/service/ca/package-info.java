/**
 * The issuing CAs: key and chain files loaded and checked at startup, the demo PKI, certificate building with
 * BouncyCastle, serial numbers, key identifiers, signature algorithms, and the signing of certificates, CRLs and
 * OCSP responses.
 */
package dev.estserver.service.ca;
