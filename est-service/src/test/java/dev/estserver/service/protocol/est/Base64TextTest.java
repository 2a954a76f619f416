package dev.estserver.service.protocol.est;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Response bodies: CRLF-terminated base64 lines, because some OpenSSL-based clients fail on one long line. */
class Base64TextTest {

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Splits after each CRLF, so that a line ending in a bare LF or CR stays visible in the last element. */
    private static String[] lines(byte[] body) {
        return new String(body, US_ASCII).split("(?<=\r\n)");
    }

    // 48 bytes encode to exactly 64 columns, 57 to exactly 76: a full last line must not get an empty line after it.
    @ParameterizedTest
    @CsvSource({"1000, 64", "1000, 76", "48, 64", "57, 76", "1, 64"})
    void wrapsInLinesOfAtMostTheGivenColumnsEachEndingCrlf(int length, int columns) {
        String[] lines = lines(Base64Text.wrap(bytes(length), columns));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line).endsWith("\r\n");
            assertThat(line.length() - 2).isBetween(1, columns);
            assertThat(line.substring(0, line.length() - 2)).doesNotContain("\r", "\n");
        });
    }

    @ParameterizedTest
    @CsvSource({"1000, 64", "48, 64", "1000, 76"})
    void endsWithCrlf(int length, int columns) {
        byte[] body = Base64Text.wrap(bytes(length), columns);
        assertThat(Arrays.copyOfRange(body, body.length - 2, body.length)).isEqualTo("\r\n".getBytes(US_ASCII));
    }

    @ParameterizedTest
    @CsvSource({"1000, 64", "48, 64", "1, 64"})
    void linesForAMultipartPartAreTheWrappedTextWithoutItsFinalCrlf(int length, int columns) {
        byte[] wrapped = Base64Text.wrap(bytes(length), columns);
        assertThat(Base64Text.lines(bytes(length), columns)).isEqualTo(Arrays.copyOf(wrapped, wrapped.length - 2));
    }

    @ParameterizedTest
    @CsvSource({"1000, 64", "57, 76", "1, 64", "0, 64"})
    void decodesBackToTheInput(int length, int columns) {
        byte[] input = bytes(length);
        assertThat(Base64.getMimeDecoder().decode(Base64Text.wrap(input, columns))).isEqualTo(input);
    }

}
