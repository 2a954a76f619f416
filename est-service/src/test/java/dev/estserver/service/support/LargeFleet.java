package dev.estserver.service.support;

import java.util.UUID;

/**
 * A fleet of 100,000 devices under a label of its own, each with a current certificate (ending 0 to 399 days from
 * now) and an enrollment in the audit within the last 24 hours, written straight into the database; {@link #close()}
 * removes it. Serials are 32 hexadecimal digits without a leading zero, as the service writes them.
 */
public final class LargeFleet implements AutoCloseable {

    public static final int ROWS = 100_000;

    private final Database database;
    private final String label = "large-" + UUID.randomUUID();

    private LargeFleet(Database database) {
        this.database = database;
    }

    public static LargeFleet seed(Database database) {
        LargeFleet fleet = new LargeFleet(database);
        database.update("""
                insert into device (label, identity, status) select ?, 'large-' || lpad(g::text, 6, '0'), 'ACTIVE'
                from generate_series(1, ?) g""", fleet.label, ROWS);
        database.update("""
                insert into certificate (serial, device_id, label, issuer, subject, not_before, not_after,
                    fingerprint_sha256, der, status)
                select '1' || substr(upper(md5(d.id || d.label)), 2), d.id, d.label, 'CN=large',
                    'CN=' || d.identity, now(), now() + (d.id % 400) * interval '1 day', md5(d.label || d.id),
                    '\\x00', 'GOOD'
                from device d where d.label = ?""", fleet.label);
        database.update("update device d set current_certificate_serial = c.serial from certificate c "
                + "where c.device_id = d.id and d.label = ?", fleet.label);
        database.update("""
                insert into enrollment_event (occurred_at, request_id, operation, label, outcome, status_code,
                    auth_method, principal, device_identity, serial)
                select now() - (d.id % 86400) * interval '1 second', md5(d.identity), 'simpleenroll', d.label,
                    'ISSUED', 200, 'BASIC', 'large', d.identity, d.current_certificate_serial
                from device d where d.label = ?""", fleet.label);
        database.update("analyze device");
        database.update("analyze certificate");
        database.update("analyze enrollment_event");
        return fleet;
    }

    public String label() {
        return label;
    }

    @Override
    public void close() {
        database.update("delete from enrollment_event where label = ?", label);
        database.update("update device set current_certificate_serial = null where label = ?", label);
        database.update("delete from certificate where label = ?", label);
        database.update("delete from device where label = ?", label);
    }
}
