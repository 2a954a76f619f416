package dev.estserver.bench.load;

/** Drives {@code /simpleenroll} as {@link LoadSpec} describes. */
public final class LoadGenerator {

    public LoadResult run(LoadSpec spec, CsrPool csrs, MeasurementListener listener) {
        throw new UnsupportedOperationException("implemented on the load-generator branch");
    }
}
