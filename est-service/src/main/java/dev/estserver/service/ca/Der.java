package dev.estserver.service.ca;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;

/** DER encoding of values built in memory, where an I/O error cannot happen. */
public final class Der {

    private Der() {
    }

    public static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
