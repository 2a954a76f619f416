package dev.estserver.operator.deviceenrollment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;

import dev.estserver.operator.pki.RenewalPolicy;
import dev.estserver.operator.service.RegistrationView.CurrentCertificate;

/** The moments that matter for a device's current certificate: its validity and when to renew it. */
record CertificateTimes(String serial, Instant notBefore, Instant notAfter, Instant renewalTime) {

    /** @param renewBefore null: a third of the certificate's lifetime, as the spec documents */
    static CertificateTimes of(CurrentCertificate certificate, Duration renewBefore) {
        Instant notBefore = certificate.notBefore().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = certificate.notAfter().truncatedTo(ChronoUnit.SECONDS);
        Duration window = renewBefore != null ? renewBefore : RenewalPolicy.defaultWindow(notBefore, notAfter);
        return new CertificateTimes(certificate.serial(), notBefore, notAfter,
                notAfter.minus(window).truncatedTo(ChronoUnit.SECONDS));
    }

    boolean hasExpiredAt(Instant now) {
        return !now.isBefore(notAfter);
    }

    boolean isRenewalDueAt(Instant now) {
        return !now.isBefore(renewalTime);
    }

    /** The next moment after {@code now} at which Ready or Expiring changes by time alone. */
    Optional<Instant> nextChangeAfter(Instant now) {
        return Stream.of(renewalTime, notAfter).filter(now::isBefore).min(Instant::compareTo);
    }
}
