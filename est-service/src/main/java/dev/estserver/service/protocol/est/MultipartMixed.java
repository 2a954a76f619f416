package dev.estserver.service.protocol.est;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import dev.estserver.service.crypto.Crypto;

/**
 * A {@code multipart/mixed} body (RFC 2046 §5.1), as the {@code /serverkeygen} response carries its key and
 * certificate (RFC 7030 §4.4.2): CRLF line endings throughout, and a random boundary that occurs in none of the
 * parts, so no part can end the body early.
 */
final class MultipartMixed {

    private static final String CRLF = "\r\n";

    /**
     * One body part.
     *
     * @param headers header lines such as {@code Content-Type: application/pkcs8}
     * @param content the content; the line break before the next boundary belongs to the boundary (RFC 2046 §5.1.1),
     *                so content that is text should not end with one
     */
    record Part(List<String> headers, byte[] content) {

        Part {
            if (headers.stream().anyMatch(h -> h.contains("\r") || h.contains("\n"))) {
                throw new IllegalArgumentException("a part header must be one line: " + headers);
            }
            headers = List.copyOf(headers);
        }
    }

    /**
     * @param contentType the value of the response's Content-Type header, naming the boundary
     */
    record Encoded(String contentType, byte[] body) {
    }

    private MultipartMixed() {
    }

    static Encoded encode(List<Part> parts) {
        return encode(parts, MultipartMixed::randomBoundary);
    }

    /** @param boundaries candidate boundaries, tried in turn until one occurs in no part */
    static Encoded encode(List<Part> parts, Supplier<String> boundaries) {
        String boundary = boundaries.get();
        while (occursIn(parts, boundary)) {
            boundary = boundaries.get();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            write(body, "--" + boundary + CRLF);
            part.headers().forEach(header -> write(body, header + CRLF));
            write(body, CRLF);
            body.writeBytes(part.content());
            write(body, CRLF);
        }
        write(body, "--" + boundary + "--" + CRLF);
        return new Encoded(EstMediaTypes.MULTIPART_MIXED + "; boundary=" + boundary, body.toByteArray());
    }

    /** 128 random bits in characters that need no quoting in the Content-Type parameter. */
    private static String randomBoundary() {
        byte[] random = new byte[16];
        Crypto.RANDOM.nextBytes(random);
        return "est-" + HexFormat.of().formatHex(random);
    }

    private static boolean occursIn(List<Part> parts, String boundary) {
        byte[] needle = boundary.getBytes(StandardCharsets.US_ASCII);
        return parts.stream().anyMatch(part -> contains(part.content(), needle)
                || part.headers().stream().anyMatch(header -> header.contains(boundary)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
