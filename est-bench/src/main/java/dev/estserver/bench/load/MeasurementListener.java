package dev.estserver.bench.load;

/** Told when the measured window opens and closes, so a caller can sample the server around it exactly. */
public interface MeasurementListener {

    MeasurementListener NONE = new MeasurementListener() {
    };

    default void measurementStarted() {
    }

    default void measurementEnded() {
    }
}
