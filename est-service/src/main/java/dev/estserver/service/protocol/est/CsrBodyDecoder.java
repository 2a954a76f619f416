package dev.estserver.service.protocol.est;

import java.util.List;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.Pkcs10Requests;

/** Reads a PKCS#10 request body in any of the shapes deployed clients send (see {@link Asn1Body}). */
final class CsrBodyDecoder {

    private static final Asn1Body BODY = new Asn1Body("PKCS#10 certification request",
            List.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"));

    private CsrBodyDecoder() {
    }

    static PKCS10CertificationRequest decode(byte[] body) {
        var asn1 = BODY.decode(body);
        try {
            return Pkcs10Requests.parse(asn1);
        } catch (RuntimeException e) {
            throw BODY.notA(e);
        }
    }
}
