package dev.estserver.service.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;

/**
 * Writes exact bytes to the EST port and reads responses exactly as sent, for the traps a high-level client hides:
 * stray bytes after a body, HTTP/1.0, chunked uploads, header bytes.
 */
public final class RawHttps implements AutoCloseable {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttps(String... protocols) throws IOException {
        socket = (SSLSocket) TestTls.context().getSocketFactory().createSocket("localhost", EstClient.PORT);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public SSLSocket socket() {
        return socket;
    }

    public void write(byte[]... parts) throws IOException {
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response; its body by Content-Length, or to the end of the stream when there is none. */
    public Response read() throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> rawHeaderLines = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            headers.put(name.toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            rawHeaderLines.put(name.toLowerCase(Locale.ROOT), line);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(statusLine, headers, rawHeaderLines, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            buffer.write(b);
            previous = b;
        }
        throw new IOException("connection closed in the middle of a response: " + buffer);
    }

    /** True when the server has closed the connection (no more bytes will come). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * @param rawHeaderLines each header's whole line as received, to check bytes such as the space in a media type
     */
    public record Response(String statusLine, Map<String, String> headers, Map<String, String> rawHeaderLines,
            byte[] body) {

        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
