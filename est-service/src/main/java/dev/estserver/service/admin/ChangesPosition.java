package dev.estserver.service.admin;

import java.time.Instant;

/**
 * Where a listing of changed registrations stands, as its cursor carries it.
 *
 * @param asOf      when its first page was read, so that every page answers the same {@link ChangesPage#asOf()}
 * @param changedAt the change time of the last registration shown
 * @param deviceId  its device id, which orders registrations changed at the same time
 */
record ChangesPosition(Instant asOf, Instant changedAt, long deviceId) {

    String key() {
        return asOf + "," + changedAt + "," + deviceId;
    }

    /** @throws RuntimeException for a key that {@link #key()} did not make */
    static ChangesPosition parse(String key) {
        String[] parts = key.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a changes position has 3 parts, got " + parts.length);
        }
        return new ChangesPosition(Instant.parse(parts[0]), Instant.parse(parts[1]), Long.parseLong(parts[2]));
    }
}
