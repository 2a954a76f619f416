package dev.estserver.service.est;

import java.util.List;

import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Reads a PKCS#10 request body in any of the shapes deployed clients send (see {@link Asn1Body}). */
final class CsrBodyDecoder {

    private static final Asn1Body BODY = new Asn1Body("PKCS#10 certification request",
            List.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"));

    private CsrBodyDecoder() {
    }

    static PKCS10CertificationRequest decode(byte[] body) {
        var asn1 = BODY.decode(body);
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(CertificationRequest.getInstance(asn1));
            // BouncyCastle parses parts lazily; touch them here so that malformed content is a 400, not a 500 later.
            csr.getSubject();
            csr.getSubjectPublicKeyInfo();
            csr.getAttributes();
            return csr;
        } catch (RuntimeException e) {
            throw BODY.notA(e);
        }
    }
}
