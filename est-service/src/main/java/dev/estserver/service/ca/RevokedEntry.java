package dev.estserver.service.ca;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revoked certificate as a CRL or OCSP response states it.
 *
 * @param reason RFC 5280 CRLReason code; {@code unspecified} (0) is left out of the encoding, as §5.3.1 advises
 */
public record RevokedEntry(BigInteger serial, Instant revokedAt, int reason) {

    public static final int UNSPECIFIED = 0;
}
