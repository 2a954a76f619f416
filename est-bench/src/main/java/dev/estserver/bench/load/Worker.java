package dev.estserver.bench.load;

import java.io.IOException;

import javax.net.ssl.SSLContext;

/** Enrolls one request at a time, on its own connection, until the measured window closes. */
final class Worker implements Runnable {

    private final ConnectionMode mode;
    private final TlsConnector connector;
    private final SimpleEnrollRequest requests;
    private final CsrPool csrs;
    private final Window window;
    private final ErrorTally errors;
    private final LatencySamples latencies = new LatencySamples();
    /**
     * This worker's own session cache, so that in NEW_CONNECTION_RESUMED it offers its own previous session; none in
     * NEW_CONNECTION, where every connection gets a fresh context and so nothing to resume.
     */
    private final SSLContext context;
    private volatile HttpsConnection connection;
    /** A request taken from the pool but never sent, e.g. because connecting failed: the server has not seen it. */
    private Csr unsent;

    Worker(ConnectionMode mode, TlsConnector connector, SimpleEnrollRequest requests, CsrPool csrs, Window window,
            ErrorTally errors) {
        this.mode = mode;
        this.connector = connector;
        this.requests = requests;
        this.csrs = csrs;
        this.window = window;
        this.errors = errors;
        this.context = mode == ConnectionMode.NEW_CONNECTION ? null : connector.newContext();
    }

    @Override
    public void run() {
        try {
            while (window.accepting()) {
                enroll(unsent != null ? unsent : csrs.next());
            }
        } catch (CsrPoolExhaustedException e) {
            // Counted whenever it happens: the scenario ran out of identities, so its figures mean nothing.
            errors.record(EnrollmentFailure.poolExhausted(e));
        } finally {
            HttpsConnection last = connection;
            if (last != null) {
                last.close();
            }
        }
    }

    LatencySamples latencies() {
        return latencies;
    }

    /** Unblocks this worker if it is stuck in a read, for the end of a scenario. */
    void abort() {
        HttpsConnection current = connection;
        if (current != null) {
            current.abort();
        }
    }

    private void enroll(Csr csr) {
        boolean keepAlive = mode == ConnectionMode.KEEP_ALIVE;
        byte[] request = requests.encode(csr, !keepAlive);
        unsent = csr;
        long started = System.nanoTime();
        HttpResponse response;
        try {
            if (connection == null) {
                connection = connector.connect(context == null ? connector.newContext() : context);
            }
            if (keepAlive) {
                started = System.nanoTime();
            }
            unsent = null;
            response = connection.exchange(request);
        } catch (IOException e) {
            dropConnection();
            fail(EnrollmentFailure.of(e));
            return;
        }
        try {
            EnrollmentVerifier.verify(response, csr);
            long ended = System.nanoTime();
            if (window.contains(ended)) {
                latencies.add(ended - started);
            }
        } catch (EnrollmentFailure failure) {
            fail(failure);
        } finally {
            if (!keepAlive || response.closesConnection()) {
                connection.close();
                connection = null;
            }
        }
    }

    private void fail(EnrollmentFailure failure) {
        if (window.contains(System.nanoTime())) {
            errors.record(failure);
        }
    }

    private void dropConnection() {
        HttpsConnection broken = connection;
        connection = null;
        if (broken != null) {
            broken.abort();
        }
    }
}
