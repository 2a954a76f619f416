package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.RequestRejected;

class SerialNumbersTest {

    @Test
    void serialsArePositiveWithAtLeast64BitsAndFitIn16Octets() {
        // RFC 5280 §4.1.2.2: positive, at most 20 octets; CA/B rules: at least 64 bits of entropy.
        assertThat(Stream.generate(SerialNumbers::next).limit(10_000)).allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isBetween(64, 127);
            assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(16);
        });
    }

    @Test
    void serialsDoNotRepeat() {
        assertThat(Stream.generate(SerialNumbers::next).limit(10_000)).doesNotHaveDuplicates();
    }

    @Test
    void hexIsUppercaseWithoutSignOrPadding() {
        assertThat(SerialNumbers.toHex(new BigInteger("0abcdef0123", 16))).isEqualTo("ABCDEF0123");
    }

    @Test
    void readsSerialsAsPeopleWriteThem() {
        // openssl x509 -serial pads to an even number of digits; other tools add colons or use lower case.
        assertThat(SerialNumbers.normalize("01A8")).isEqualTo("1A8");
        assertThat(SerialNumbers.normalize(" 0a:b1 ")).isEqualTo("AB1");
        assertThatThrownBy(() -> SerialNumbers.normalize("xyz")).isInstanceOf(RequestRejected.class)
                .hasMessage("serial 'xyz' is not a hexadecimal number");
    }
}
