package dev.estserver.bench.load;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * One pre-generated enrollment request and what the issued certificate must carry.
 *
 * @param base64    the PKCS#10 DER, base64-encoded on one line: the {@code /simpleenroll} body as sent
 * @param publicKey the request's key, which the issued certificate must certify unchanged
 * @param subject   the request's subject, {@code CN=<identity>}
 */
public record Csr(String base64, SubjectPublicKeyInfo publicKey, X500Name subject) {
}
