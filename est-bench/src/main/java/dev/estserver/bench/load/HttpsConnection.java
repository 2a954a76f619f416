package dev.estserver.bench.load;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** One TLS connection after its handshake, carrying HTTP/1.1 exchanges one at a time. */
final class HttpsConnection implements Closeable {

    private final Socket tcp;
    private final SSLSocket tls;
    private final InputStream in;
    private final OutputStream out;

    HttpsConnection(Socket tcp, SSLSocket tls) throws IOException {
        this.tcp = tcp;
        this.tls = tls;
        this.in = new BufferedInputStream(tls.getInputStream(), 16 * 1024);
        this.out = tls.getOutputStream();
    }

    /** Sends the request in one write (one TLS record for an EST request) and reads the whole response. */
    HttpResponse exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return HttpResponseReader.read(in);
    }

    SSLSession session() {
        return tls.getSession();
    }

    /** Ends the connection properly (TLS close_notify), keeping the session resumable. */
    @Override
    public void close() {
        try {
            tls.close();
        } catch (IOException e) {
            // The peer is gone already; there is nothing left to end.
        }
    }

    /** Drops the connection at once, from any thread: a blocked read or write fails immediately. */
    void abort() {
        try {
            tcp.close();
        } catch (IOException e) {
            // Closing a plain socket has nothing to report that would matter here.
        }
    }
}
