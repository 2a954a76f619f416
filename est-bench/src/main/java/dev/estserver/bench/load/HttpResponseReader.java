package dev.estserver.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads one HTTP/1.1 response (RFC 9112) from a buffered stream, leaving the stream at the next response. */
final class HttpResponseReader {

    /** Far above any EST header line; a longer one means the peer is not speaking HTTP. */
    private static final int MAX_LINE = 8 * 1024;
    /** Far above any certs-only PKCS#7 of a certificate chain. */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private HttpResponseReader() {
    }

    static HttpResponse read(InputStream in) throws IOException {
        String statusLine = readLine(in, "the status line");
        int status = status(statusLine);
        Map<String, String> headers = readFields(in);
        // Interim responses (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols.
        if (status >= 100 && status < 200 && status != 101) {
            return read(in);
        }
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean closes = hasToken(connection, "close") || http10 && !hasToken(connection, "keep-alive");
        if (status == 101 || status == 204 || status == 304) {
            return new HttpResponse(status, headers, new byte[0], closes);
        }
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && hasToken(transferEncoding.toLowerCase(Locale.ROOT), "chunked")) {
            return new HttpResponse(status, headers, readChunked(in, headers), closes);
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            return new HttpResponse(status, headers, readFixed(in, contentLength(contentLength)), closes);
        }
        return new HttpResponse(status, headers, readToEnd(in), true);
    }

    private static int status(String statusLine) throws ProtocolException {
        // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                || statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new ProtocolException("expected an HTTP/1.x status line, got '" + abbreviate(statusLine) + "'");
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("expected a 3-digit status, got '" + abbreviate(statusLine) + "'");
        }
    }

    private static Map<String, String> readFields(InputStream in) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line = readLine(in, "the header fields"); !line.isEmpty();
                line = readLine(in, "the header fields")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("expected 'name: value', got '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            fields.merge(name, value, (first, next) -> first + ", " + next);
        }
        return fields;
    }

    private static byte[] readChunked(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, "a chunk size");
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("expected a hexadecimal chunk size, got '" + abbreviate(sizeLine) + "'");
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new ProtocolException("chunked body exceeds " + MAX_BODY + " bytes");
            }
            if (size == 0) {
                headers.putAll(readFields(in));
                return body.toByteArray();
            }
            body.write(readFixed(in, size));
            if (!readLine(in, "the end of a chunk").isEmpty()) {
                throw new ProtocolException("chunk of " + size + " bytes is not followed by CRLF");
            }
        }
    }

    private static int contentLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length >= 0 && length <= MAX_BODY) {
                return (int) length;
            }
        } catch (NumberFormatException e) {
            // reported below with the value seen
        }
        throw new ProtocolException("expected a Content-Length of 0 to " + MAX_BODY + ", got '" + abbreviate(value)
                + "'");
    }

    private static byte[] readFixed(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new ProtocolException("unframed body exceeds " + MAX_BODY + " bytes");
        }
        return bytes;
    }

    private static String readLine(InputStream in, String expected) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed while reading " + expected);
            }
            if (line.size() == MAX_LINE) {
                throw new ProtocolException("line longer than " + MAX_LINE + " bytes while reading " + expected);
            }
            line.write(b);
        }
        int length = line.size();
        byte[] bytes = line.toByteArray();
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean hasToken(String commaSeparated, String token) {
        for (String part : commaSeparated.split(",")) {
            if (part.trim().equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
