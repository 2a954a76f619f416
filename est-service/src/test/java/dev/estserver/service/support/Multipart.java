package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the {@code multipart/mixed} bodies the service sends (RFC 2046 §5.1): it fails the test on a
 * bare LF or CR, a preamble or epilogue, a malformed header line, or a boundary that also occurs inside a part.
 */
public record Multipart(String boundary, List<Part> parts) {

    /** RFC 2046 bchars, unquoted; 1 to 70 of them. */
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("multipart/mixed; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*: \\S.*");

    /** One part: its header lines in order and its content, without the CRLF that belongs to the next boundary. */
    public record Part(List<String> headers, byte[] content) {

        /** The content decoded from base64 lines. */
        public byte[] base64Decoded() {
            return Base64.getMimeDecoder().decode(content);
        }
    }

    public static Multipart parse(String contentType, byte[] body) {
        Matcher type = CONTENT_TYPE.matcher(contentType);
        assertThat(type.matches()).as("Content-Type '%s'", contentType).isTrue();
        String boundary = type.group(1);
        String text = new String(body, StandardCharsets.US_ASCII);
        assertThat(text.replace("\r\n", "")).as("line endings other than CRLF").doesNotContain("\r", "\n");
        String delimiter = "--" + boundary;
        String close = "\r\n" + delimiter + "--\r\n";
        assertThat(text).as("no preamble").startsWith(delimiter + "\r\n");
        assertThat(text).as("close delimiter and no epilogue").endsWith(close);
        String inner = text.substring(delimiter.length() + 2, text.length() - close.length());
        List<Part> parts = new ArrayList<>();
        for (String raw : inner.split(Pattern.quote("\r\n" + delimiter + "\r\n"), -1)) {
            assertThat(raw).as("part text").doesNotContain(boundary);
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("blank line after the part headers of %s", raw).isPositive();
            List<String> headers = Arrays.asList(raw.substring(0, end).split("\r\n"));
            assertThat(headers).allSatisfy(h -> assertThat(h).matches(HEADER));
            parts.add(new Part(headers, raw.substring(end + 4).getBytes(StandardCharsets.US_ASCII)));
        }
        return new Multipart(boundary, parts);
    }
}
