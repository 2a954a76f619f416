package dev.estserver.operator.service;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A device's registration as est-service reports it.
 *
 * @param status             PENDING (never enrolled), ACTIVE, SUSPENDED or REVOKED
 * @param currentCertificate null until the device enrolled
 * @param owner              the DeviceEnrollment it belongs to; null for a registration made by hand
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationView(String label, String identity, String deviceId, String status,
        List<String> allowedSans, String validity, CurrentCertificate currentCertificate, Instant createdAt,
        Instant updatedAt, Owner owner) {

    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REVOKED = "REVOKED";

    /**
     * The device's latest certificate.
     *
     * @param serial hex, as openssl prints it
     * @param status GOOD or REVOKED
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurrentCertificate(String serial, Instant notBefore, Instant notAfter, String status) {

        public static final String GOOD = "GOOD";
        public static final String REVOKED = "REVOKED";
    }
}
