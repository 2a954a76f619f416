package dev.estserver.service.protocol.est;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * One ASN.1 object in a request body, in any of the shapes deployed clients send: base64 with any line length and
 * line ending or none (RFC 8951), PEM armour, or raw DER. Content-Transfer-Encoding is ignored (RFC 8951 §3.1).
 *
 * @param what      what the body should hold, as error messages name it
 * @param pemLabels the PEM armour labels accepted for it, the usual one first
 */
record Asn1Body(String what, List<String> pemLabels) {

    private static final String PEM_BEGIN = "-----BEGIN";

    ASN1Primitive decode(byte[] body) {
        byte[] der = isBase64Text(body) ? base64(body) : pemOrDer(body);
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive object = in.readObject();
            if (object == null) {
                throw malformed("request body holds no ASN.1 data; expected a " + what);
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw malformed("request body has trailing data after the " + what);
            }
            return object;
        } catch (IOException | RuntimeException e) {
            throw e instanceof RequestRejected rejected ? rejected : notA(e);
        }
    }

    /** The body held ASN.1, but not the structure expected; {@code cause} says where it went wrong. */
    RequestRejected notA(Exception cause) {
        return malformed("request body is not a " + what + ": " + cause.getMessage());
    }

    /** True when every byte is base64 alphabet, padding or whitespace; DER starts 0x30 0x82, never so. */
    private static boolean isBase64Text(byte[] body) {
        for (byte b : body) {
            boolean alphabet = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '+' || b == '/' || b == '=';
            if (!alphabet && !Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private byte[] pemOrDer(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PEM_BEGIN);
        if (begin < 0) {
            return body;
        }
        int headerEnd = text.indexOf("-----", begin + PEM_BEGIN.length());
        int end = text.indexOf("-----END", headerEnd + 5);
        if (headerEnd < 0 || end < 0) {
            throw malformed("PEM armour has no matching -----END line");
        }
        String label = text.substring(begin + PEM_BEGIN.length(), headerEnd).trim();
        if (!pemLabels.contains(label)) {
            throw malformed("PEM block is '" + label + "', expected '" + pemLabels.getFirst() + "'");
        }
        return base64(text.substring(headerEnd + 5, end).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] base64(byte[] text) {
        StringBuilder compact = new StringBuilder(text.length);
        for (byte b : text) {
            if (!Character.isWhitespace(b)) {
                compact.append((char) b);
            }
        }
        if (compact.isEmpty()) {
            throw malformed("request body is empty; expected a base64-encoded " + what);
        }
        try {
            // The strict decoder refuses line breaks, which is why they are removed above.
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw malformed("request body is not valid base64: " + e.getMessage());
        }
    }

    private static RequestRejected malformed(String message) {
        return new RequestRejected(Problem.MALFORMED, message);
    }
}
