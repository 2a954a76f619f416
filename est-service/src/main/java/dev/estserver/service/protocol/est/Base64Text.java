package dev.estserver.service.protocol.est;

import java.util.Base64;

/** Base64 response bodies wrapped in CRLF-terminated lines: some OpenSSL-based clients fail on one long line. */
final class Base64Text {

    private static final byte[] CRLF = {'\r', '\n'};

    private Base64Text() {
    }

    static byte[] wrap(byte[] der, int lineLength) {
        byte[] lines = lines(der, lineLength);
        byte[] out = new byte[lines.length + CRLF.length];
        System.arraycopy(lines, 0, out, 0, lines.length);
        System.arraycopy(CRLF, 0, out, lines.length, CRLF.length);
        return out;
    }

    /** The same lines without the final CRLF, for a multipart body part whose boundary brings its own. */
    static byte[] lines(byte[] der, int lineLength) {
        return Base64.getMimeEncoder(lineLength, CRLF).encode(der);
    }
}
