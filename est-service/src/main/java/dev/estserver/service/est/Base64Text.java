package dev.estserver.service.est;

import java.util.Base64;

/** Base64 response bodies wrapped in CRLF-terminated lines: some OpenSSL-based clients fail on one long line. */
final class Base64Text {

    private static final byte[] CRLF = {'\r', '\n'};

    private Base64Text() {
    }

    static byte[] wrap(byte[] der, int lineLength) {
        byte[] encoded = Base64.getMimeEncoder(lineLength, CRLF).encode(der);
        byte[] out = new byte[encoded.length + CRLF.length];
        System.arraycopy(encoded, 0, out, 0, encoded.length);
        System.arraycopy(CRLF, 0, out, encoded.length, CRLF.length);
        return out;
    }
}
