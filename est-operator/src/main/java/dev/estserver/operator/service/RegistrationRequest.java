package dev.estserver.operator.service;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/registrations/{label}/{identity}}.
 *
 * @param allowedSans SANs the device's certificates may carry ({@code DNS:a}, {@code IP:10.0.0.7},
 *                    {@code URI:spiffe://x}); null: what the label's profile allows
 * @param validity    ISO-8601 certificate lifetime; null: the profile's
 * @param suspended   true: the device may not enroll or re-enroll
 * @param owner       the DeviceEnrollment the registration belongs to; the service refuses (409) another one
 */
public record RegistrationRequest(List<String> allowedSans, String validity, boolean suspended, Owner owner) {
}
