/**
 * Revoking certificates, publishing CRLs per issuing CA, answering OCSP, and the plain-HTTP listener that serves
 * both to relying parties.
 */
package dev.estserver.service.revocation;
