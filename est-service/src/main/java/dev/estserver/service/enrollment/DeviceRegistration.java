package dev.estserver.service.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.policy.SanAllowList;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Device;

/**
 * What an operator registered for one device through the admin API ({@code /api/v1/registrations}), on top of the
 * rules of its label's profile: the subject alternative names it may have and the longest validity it may get.
 *
 * @param allowedSans empty: the profile's SAN rules only
 * @param validity    empty: the profile's validity
 */
public record DeviceRegistration(String label, String identity, Optional<SanAllowList> allowedSans,
        Optional<Duration> validity) {

    public static DeviceRegistration of(Device device) {
        return new DeviceRegistration(device.label, device.identity,
                Optional.ofNullable(device.allowedSans).map(sans -> new SanAllowList(Arrays.asList(sans))),
                Optional.ofNullable(device.validitySeconds).map(Duration::ofSeconds));
    }

    /** The profile's template, with the registered validity where that is shorter. */
    public CertificateTemplate limit(CertificateTemplate profile) {
        return validity.filter(v -> v.compareTo(profile.validity()) < 0)
                .map(v -> new CertificateTemplate(v, profile.keyUsage(), profile.extendedKeyUsage()))
                .orElse(profile);
    }

    /**
     * Checked with the device row locked, on the certificate about to be recorded: signing happens before that lock,
     * so this is where a registration changed in the meantime is seen.
     *
     * @throws RequestRejected 403 when the certificate has a SAN outside the allowed ones; 409 when the registered
     *                         validity was shortened while the certificate was being signed
     */
    void admit(X509CertificateHolder certificate, Instant now) {
        Optional<GeneralNames> names = Optional.ofNullable(
                GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName));
        allowedSans.ifPresent(allowed -> allowed.firstOutside(names).ifPresent(name -> {
            throw new RequestRejected(Problem.FORBIDDEN, "device '" + identity + "' on label '" + label
                    + "' is registered with allowed SANs " + allowed + "; the CSR asks for "
                    + SubjectAltNames.describe(name) + " (admin API /api/v1/registrations)");
        }));
        validity.filter(v -> certificate.getNotAfter().toInstant().isAfter(now.plus(v))).ifPresent(v -> {
            throw new RequestRejected(Problem.CONFLICT, "the registration of device '" + identity + "' on label '"
                    + label + "' changed while its certificate was being signed: its validity is now at most "
                    + describe(v) + "; send the request again");
        });
    }

    /** ISO-8601, in days when it is whole days ({@code P90D} rather than {@code PT2160H}). */
    public static String describe(Duration duration) {
        return duration.equals(Duration.ofDays(duration.toDays())) ? "P" + duration.toDays() + "D"
                : duration.toString();
    }
}
