package dev.estserver.service.ca;

import java.math.BigInteger;
import java.util.Locale;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** Random certificate serial numbers: 127 bits of entropy, always positive, at most 16 octets. */
public final class SerialNumbers {

    private SerialNumbers() {
    }

    public static BigInteger next() {
        BigInteger serial;
        do {
            // 127 random bits: positive without a sign octet, far above the 64 bits CA/B rules ask for.
            serial = new BigInteger(127, Crypto.RANDOM);
        } while (serial.bitLength() < 64);
        return serial;
    }

    /** Upper-case hex, as serials are stored, logged and compared. */
    public static String toHex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * The stored form of a serial as people write it: any case, colons, and the leading zero that
     * {@code openssl x509 -serial} adds to make an even number of digits.
     *
     * @throws RequestRejected 400 when it is not hexadecimal
     */
    public static String normalize(String serial) {
        String digits = serial == null ? "" : serial.replace(":", "").strip();
        try {
            return toHex(new BigInteger(digits, 16));
        } catch (NumberFormatException e) {
            throw new RequestRejected(Problem.MALFORMED, "serial '" + serial + "' is not a hexadecimal number");
        }
    }
}
