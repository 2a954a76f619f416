package dev.estserver.service.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import dev.estserver.service.support.Database;

/**
 * Devices and certificates written straight into the database, under labels of their own, so that list tests see
 * exactly the rows they made without enrolling each one.
 */
final class FleetRows {

    private final Database database;

    FleetRows(Database database) {
        this.database = database;
    }

    /** A label no other test uses. */
    static String label() {
        return "rows-" + UUID.randomUUID();
    }

    long device(String label, String identity, String status) {
        database.update("insert into device (label, identity, status) values (?, ?, ?)", label, identity, status);
        return ((Number) database.single("select id from device where label = ? and identity = ?", label, identity))
                .longValue();
    }

    /** A certificate row (its DER is not a certificate) that becomes the device's current one. */
    String certificate(long deviceId, String label, Instant notAfter, String status) {
        String serial = HexFormat.of().withUpperCase().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
        database.update("""
                insert into certificate (serial, device_id, label, issuer, subject, not_before, not_after,
                    fingerprint_sha256, der, status)
                values (?, ?, ?, 'CN=rows', 'CN=rows', now(), ?, ?, ?, ?)""", serial, deviceId, label,
                OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC), UUID.randomUUID().toString(),
                serial.getBytes(), status);
        database.update("update device set current_certificate_serial = ? where id = ?", serial, deviceId);
        return serial;
    }
}
