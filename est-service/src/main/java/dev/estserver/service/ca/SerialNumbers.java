package dev.estserver.service.ca;

import java.math.BigInteger;
import java.util.Locale;

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
}
