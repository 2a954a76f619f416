package dev.estserver.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failed enrollments by kind, with the first few distinct messages; shared by all workers. */
final class ErrorTally {

    private static final int SAMPLES = 5;

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final List<String> samples = new ArrayList<>(SAMPLES);

    void record(EnrollmentFailure failure) {
        byKind.computeIfAbsent(failure.kind(), kind -> new LongAdder()).increment();
        synchronized (samples) {
            if (samples.size() < SAMPLES && !samples.contains(failure.getMessage())) {
                samples.add(failure.getMessage());
            }
        }
    }

    long total() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** In a stable order, so that reports of two runs compare line by line. */
    Map<String, Long> byKind() {
        Map<String, Long> counts = new TreeMap<>();
        byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
        return counts;
    }

    List<String> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
