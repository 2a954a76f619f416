package dev.estserver.service.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
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
        this(TestTls.context(), protocols);
    }

    /** A connection made with {@code context}, for instance one that presents a client certificate. */
    public RawHttps(SSLContext context, String... protocols) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", EstClient.PORT);
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

    /** An HTTP/1.1 POST to {@code /.well-known/est/<path>} on this connection, and its response. */
    public Response post(String path, String contentType, byte[] body, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("POST /.well-known/est/" + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        write(ascii(head.append("\r\n").toString()), body);
        return read();
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

        /** Each header's name exactly as the server spelled it, in the order sent. */
        public java.util.List<String> headerNames() {
            return rawHeaderLines.values().stream().map(line -> line.substring(0, line.indexOf(':'))).toList();
        }
    }
}
