package dev.estserver.bench.load;

/**
 * The measured window on the {@link System#nanoTime()} clock, fixed before the workers start so that every worker
 * classifies its completions against the same edges without coordination.
 */
final class Window {

    private final long start;
    private final long end;
    private volatile boolean abandoned;

    Window(long start, long end) {
        this.start = start;
        this.end = end;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    boolean contains(long nanoTime) {
        return nanoTime >= start && nanoTime < end;
    }

    /** Whether a worker may start another enrollment. */
    boolean accepting() {
        return !abandoned && System.nanoTime() < end;
    }

    /** Stops the workers early, when the scenario cannot go on. */
    void abandon() {
        abandoned = true;
    }
}
