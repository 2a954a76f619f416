package dev.estserver.service.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Reads what enrollment checks of a device before anything is signed (status, current certificate, registration):
 * one plain, auto-committed SELECT on the (label, identity) index. Through Panache outside a transaction it cost
 * about a tenth of the service's CPU per first enrollment once signatures were native (a Hibernate session, the
 * query plan, entity hydration): more than signing the certificate. The device comes back detached, with only
 * those columns: it is read, never changed, on this path; under the device lock the store reads it again.
 */
@ApplicationScoped
public class DeviceReader {

    private static final String SELECT = """
            select id, status, current_certificate_serial, allowed_sans, validity_seconds
            from device where label = ? and identity = ?""";

    private final AgroalDataSource dataSource;

    DeviceReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Device> find(String label, String identity) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, label);
            select.setString(2, identity);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(device(row, label, identity)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read device '" + identity + "' on label '" + label + "': "
                    + e.getMessage(), e);
        }
    }

    private static Device device(ResultSet row, String label, String identity) throws SQLException {
        Device device = new Device();
        device.id = row.getLong("id");
        device.label = label;
        device.identity = identity;
        device.status = Device.Status.valueOf(row.getString("status"));
        device.currentCertificateSerial = row.getString("current_certificate_serial");
        Array sans = row.getArray("allowed_sans");
        device.allowedSans = sans == null ? null : (String[]) sans.getArray();
        device.validitySeconds = row.getObject("validity_seconds", Long.class);
        return device;
    }
}
