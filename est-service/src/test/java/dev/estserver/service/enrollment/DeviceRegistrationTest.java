package dev.estserver.service.enrollment;

import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.store.Device;
import dev.estserver.service.support.Rejected;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestProfiles;

/** What a registration adds to a profile: a shorter validity, and a last check of the certificate under the lock. */
class DeviceRegistrationTest {

    private static final CertificateTemplate PROFILE = TestProfiles.defaults();

    private static IssuingCa ca;

    @BeforeAll
    static void loadDemoCa(@TempDir Path dir) {
        ca = TestCa.demo(dir);
    }

    /** @param validity null: none registered; likewise {@code allowedSans} */
    private static DeviceRegistration registered(Duration validity, List<String> allowedSans) {
        Device device = new Device();
        device.label = "iot";
        device.identity = "robot-7";
        device.allowedSans = allowedSans == null ? null : allowedSans.toArray(String[]::new);
        device.validitySeconds = validity == null ? null : validity.toSeconds();
        return DeviceRegistration.of(device);
    }

    private static X509CertificateHolder issued(CertificateTemplate template, Instant now) {
        return ca.issue(template, TestCa.request("CN=robot-7", dns("app.example.com")), now);
    }

    @Test
    void theShorterValidityOfProfileAndRegistrationApplies() {
        assertThat(registered(Duration.ofDays(2), null).limit(PROFILE).validity()).isEqualTo(Duration.ofDays(2));
        assertThat(registered(Duration.ofDays(3650), null).limit(PROFILE)).isEqualTo(PROFILE);
        assertThat(registered(null, null).limit(PROFILE)).isEqualTo(PROFILE);
    }

    @Test
    void admitsACertificateSignedUnderTheRegistrationAsItStillIs() {
        DeviceRegistration registration = registered(Duration.ofDays(2), List.of("DNS:app.example.com"));
        Instant signed = Instant.now();
        assertThatCode(() -> registration.admit(issued(registration.limit(PROFILE), signed), signed.plusSeconds(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesACertificateWhoseValidityWasShortenedWhileItWasSigned() {
        Instant signed = Instant.now();
        X509CertificateHolder certificate = issued(registered(Duration.ofDays(2), null).limit(PROFILE), signed);

        Rejected.assertRejected(() -> registered(Duration.ofDays(1), null).admit(certificate, signed),
                Problem.CONFLICT, "the registration of device 'robot-7' on label 'iot' changed while its certificate "
                        + "was being signed: its validity is now at most P1D; send the request again");
    }

    @Test
    void refusesACertificateWithASanRemovedWhileItWasSigned() {
        X509CertificateHolder certificate = issued(PROFILE, Instant.now());

        DeviceRegistration narrowed = registered(null, List.of("DNS:api.example.com"));
        Rejected.assertRejected(() -> narrowed.admit(certificate, Instant.now()), Problem.FORBIDDEN,
                "device 'robot-7' on label 'iot' is registered with allowed SANs [DNS:api.example.com]; the CSR asks "
                        + "for DNS:app.example.com");
    }

    @Test
    void describesValiditiesInDaysWhenTheyAreWholeDays() {
        assertThat(DeviceRegistration.describe(Duration.ofDays(90))).isEqualTo("P90D");
        assertThat(DeviceRegistration.describe(Duration.ofHours(36))).isEqualTo("PT36H");
        assertThat(DeviceRegistration.describe(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
    }
}
