package dev.estserver.bench.run;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** The peak resident memory of a process, sampled from {@code /proc/<pid>/status} until closed. */
final class RssSampler implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(100);

    private final AtomicLong peakKib = new AtomicLong();
    private final Thread sampler;

    private RssSampler(long pid) {
        sampler = Thread.ofPlatform().daemon().name("rss-sampler-" + pid).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    OptionalLong rss = LinuxProc.residentKib(pid);
                    rss.ifPresent(kib -> peakKib.accumulateAndGet(kib, Math::max));
                    Thread.sleep(INTERVAL);
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    static RssSampler start(long pid) {
        return new RssSampler(pid);
    }

    long peakKib() {
        return peakKib.get();
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }
}
