package dev.estserver.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * An in-process EST server over HTTPS that issues real certificates from a {@link TestPki}, answers its first
 * {@code answered} requests as a pattern says, and holds every later request until {@link #release()} (then answers
 * 503), so that a test knows exactly which answers completed inside a load generator's measured window.
 */
final class FakeEstServer implements AutoCloseable {

    static final String USERNAME = "estuser";
    static final String PASSWORD = "estpwd";

    /** How the server answers one request. */
    enum Answer {
        CERTIFICATE, CHUNKED_CERTIFICATE, SERVER_ERROR, CERTIFICATE_FOR_OTHER_KEY, RESET
    }

    private final TestPki pki;
    private final int answered;
    private final IntFunction<Answer> pattern;
    private final ServerSocket listener;
    private final SSLContext context;
    private final SubjectPublicKeyInfo otherKey =
            SubjectPublicKeyInfo.getInstance(TestPki.newKey().getPublic().getEncoded());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger fullHandshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Answer, AtomicInteger> answers = new ConcurrentHashMap<>();

    FakeEstServer(TestPki pki, int answered, IntFunction<Answer> pattern) throws Exception {
        this.pki = pki;
        this.answered = answered;
        this.pattern = pattern;
        this.context = serverContext();
        this.listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-est-accept").start(this::accept);
    }

    URI estBase() {
        return URI.create("https://localhost:" + listener.getLocalPort() + "/.well-known/est");
    }

    /** Lets the held requests be answered; a test calls it once the measured window has closed. */
    void release() {
        released.countDown();
    }

    int connections() {
        return connections.get();
    }

    /**
     * Handshakes in which the server took its private key out to prove it, which resumed ones skip; exact only with
     * stateless session tickets off, as est-bench's surefire configuration sets.
     */
    int fullHandshakes() {
        return fullHandshakes.get();
    }

    int requests() {
        return requests.get();
    }

    int answers(Answer answer) {
        return answers.computeIfAbsent(answer, a -> new AtomicInteger()).get();
    }

    @Override
    public void close() throws IOException {
        release();
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket tcp = listener.accept();
                open.add(tcp);
                Thread.ofVirtual().start(() -> serve(tcp));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket tcp) {
        try (tcp; SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true)) {
            tls.setUseClientMode(false);
            tls.startHandshake();
            connections.incrementAndGet();
            InputStream in = new BufferedInputStream(tls.getInputStream());
            OutputStream out = tls.getOutputStream();
            for (Map<String, String> request = readHead(in); request != null; request = readHead(in)) {
                byte[] body = in.readNBytes(Integer.parseInt(request.getOrDefault("content-length", "0")));
                boolean close = "close".equalsIgnoreCase(request.get("connection"));
                if (!answer(request, body, tcp, out, close) || close) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away or the test ended: nothing to answer any more.
        } finally {
            open.remove(tcp);
        }
    }

    /** Returns whether the connection may carry another request. */
    private boolean answer(Map<String, String> request, byte[] body, Socket tcp, OutputStream out, boolean close)
            throws IOException, InterruptedException {
        int number = requests.incrementAndGet();
        String expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!request.get("request-line").equals("POST /.well-known/est/simpleenroll HTTP/1.1")
                || !expectedAuthorization.equals(request.get("authorization"))
                || !"application/pkcs10".equals(request.get("content-type"))) {
            respond(out, 400, "text/plain", "unexpected request " + request, false, close);
            return true;
        }
        if (number > answered) {
            released.await();
            respond(out, 503, "text/plain", "held past the window", false, true);
            return false;
        }
        Answer answer = pattern.apply(number);
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                Base64.getDecoder().decode(new String(body, StandardCharsets.US_ASCII)));
        switch (answer) {
            case CERTIFICATE, CHUNKED_CERTIFICATE -> respond(out, 200, "application/pkcs7-mime; smime-type=certs-only",
                    certsOnly(csr, csr.getSubjectPublicKeyInfo()), answer == Answer.CHUNKED_CERTIFICATE, close);
            case CERTIFICATE_FOR_OTHER_KEY -> respond(out, 200, "application/pkcs7-mime",
                    certsOnly(csr, otherKey), false, close);
            case SERVER_ERROR -> respond(out, 500, "text/plain", "injected failure", false, close);
            case RESET -> {
                // No close_notify: the client sees a TCP reset in the middle of its exchange.
                tcp.setSoLinger(true, 0);
                tcp.close();
                return false;
            }
        }
        return true;
    }

    private String certsOnly(PKCS10CertificationRequest csr, SubjectPublicKeyInfo key) {
        try {
            return new String(TestPki.certsOnly(pki.issue(csr.getSubject(), key), pki.caCertificate),
                    StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException("the test CA could not issue", e);
        }
    }

    private static void respond(OutputStream out, int status, String contentType, String body, boolean chunked,
            boolean close) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        if (chunked) {
            int half = bytes.length / 2;
            response.writeBytes(head.append("Transfer-Encoding: chunked\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            response.writeBytes((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            response.write(bytes, 0, half);
            response.writeBytes(("\r\n" + Integer.toHexString(bytes.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            response.write(bytes, half, bytes.length - half);
            response.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            response.writeBytes(head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").toString()
                    .getBytes(StandardCharsets.US_ASCII));
            response.writeBytes(bytes);
        }
        out.write(response.toByteArray());
        out.flush();
    }

    /** The request line under {@code request-line} and the fields by lower-case name; null at the end of input. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        Map<String, String> head = new HashMap<>();
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        head.put("request-line", requestLine);
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            head.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return head;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private SSLContext serverContext() throws Exception {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pki.serverKey.getPrivate(), password,
                new X509Certificate[] {TestPki.x509(pki.serverCertificate), TestPki.x509(pki.caCertificate)});
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
        factory.init(store, password);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(new KeyManager[] {
                new CountingKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0])}, null, null);
        return server;
    }

    /** Counts the handshakes that need the server's private key, i.e. the full ones. */
    private final class CountingKeyManager extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager delegate;

        CountingKeyManager(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            fullHandshakes.incrementAndGet();
            return delegate.getPrivateKey(alias);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }
    }
}
