package dev.estserver.bench.load;

import java.io.IOException;
import java.util.Base64;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * One pre-generated enrollment request and what the issued certificate must carry.
 *
 * @param base64    the PKCS#10 DER, base64-encoded on one line: the {@code /simpleenroll} body as sent
 * @param publicKey the request's key, which the issued certificate must certify unchanged
 * @param subject   the request's subject, {@code CN=<identity>}
 */
public record Csr(String base64, SubjectPublicKeyInfo publicKey, X500Name subject) {

    /** The request itself, decoded again from the wire form. */
    public PKCS10CertificationRequest request() {
        try {
            return new PKCS10CertificationRequest(Base64.getDecoder().decode(base64));
        } catch (IOException e) {
            throw new IllegalStateException("a pre-generated request does not decode: " + e.getMessage(), e);
        }
    }
}
