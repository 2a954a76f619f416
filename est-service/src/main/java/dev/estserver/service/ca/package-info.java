/**
 * The issuing CAs, each a {@link dev.estserver.service.ca.CertificateAuthority} whose signatures all go through a
 * {@link dev.estserver.service.ca.CaSigner}: key and chain files loaded and checked at startup, the demo PKI,
 * certificate building with BouncyCastle from a request's data and the device identity it names, key kinds,
 * serial numbers, key identifiers, signature algorithms, and the signing of certificates, CRLs and OCSP responses.
 */
package dev.estserver.service.ca;
