package dev.estserver.operator.pki;

import java.time.Duration;
import java.time.Instant;

/** When a certificate is due for renewal unless told otherwise: with a third of its lifetime left. */
public final class RenewalPolicy {

    private RenewalPolicy() {
    }

    public static Duration defaultWindow(Instant notBefore, Instant notAfter) {
        return Duration.between(notBefore, notAfter).dividedBy(3);
    }

    public static Instant defaultRenewalTime(Instant notBefore, Instant notAfter) {
        return notAfter.minus(defaultWindow(notBefore, notAfter));
    }
}
