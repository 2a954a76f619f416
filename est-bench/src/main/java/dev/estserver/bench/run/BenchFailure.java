package dev.estserver.bench.run;

/** The benchmark cannot run: the message is the one line (or the log tail) the user sees. */
final class BenchFailure extends RuntimeException {

    BenchFailure(String message) {
        super(message);
    }
}
