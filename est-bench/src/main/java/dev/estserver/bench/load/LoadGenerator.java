package dev.estserver.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Drives {@code /simpleenroll} as {@link LoadSpec} describes. */
public final class LoadGenerator {

    /**
     * How long requests still in flight when the window closes may take to finish before their connections are
     * dropped; they no longer count, but ending them cleanly leaves the server quiet for the next scenario.
     */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /**
     * Runs one scenario: {@code concurrency} workers on virtual threads enroll during the warm-up (which absorbs the
     * initial handshakes) and the measured window, then requests in flight are let finish and all connections closed.
     */
    public LoadResult run(LoadSpec spec, CsrPool csrs, MeasurementListener listener) {
        TlsConnector connector = new TlsConnector(spec.estBase(), spec.trustAnchors(), spec.credentials());
        SimpleEnrollRequest requests = new SimpleEnrollRequest(spec.estBase(), spec.credentials());
        ErrorTally errors = new ErrorTally();
        long start = System.nanoTime() + spec.warmup().toNanos();
        Window window = new Window(start, start + spec.duration().toNanos());
        List<Worker> workers = new ArrayList<>(spec.concurrency());
        for (int i = 0; i < spec.concurrency(); i++) {
            workers.add(new Worker(spec.connections(), connector, requests, csrs, window, errors));
        }
        List<Thread> threads = new ArrayList<>(workers.size());
        try {
            for (int i = 0; i < workers.size(); i++) {
                threads.add(Thread.ofVirtual().name("est-load-" + i).start(workers.get(i)));
            }
            sleepUntil(window.start());
            listener.measurementStarted();
            sleepUntil(window.end());
            listener.measurementEnded();
        } finally {
            window.abandon();
            finish(threads, workers);
        }
        long[] latencies = LatencySamples.merge(workers.stream().map(Worker::latencies).toList());
        return new LoadResult(latencies.length, errors.total(), errors.byKind(), errors.samples(),
                Duration.ofNanos(window.end() - window.start()), LoadResult.Latencies.of(latencies));
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void finish(List<Thread> threads, List<Worker> workers) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            workers.forEach(Worker::abort);
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Worker::abort);
            Thread.currentThread().interrupt();
        }
    }
}
