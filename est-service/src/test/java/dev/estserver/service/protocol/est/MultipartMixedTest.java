package dev.estserver.service.protocol.est;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.estserver.service.support.Multipart;

/** The /serverkeygen body format (RFC 2046 §5.1, RFC 7030 §4.4.2): CRLF everywhere, a boundary found in no part. */
class MultipartMixedTest {

    private static final List<MultipartMixed.Part> PARTS = List.of(
            new MultipartMixed.Part(List.of("Content-Type: application/pkcs8"), "QUJD\r\nREVG".getBytes(US_ASCII)),
            new MultipartMixed.Part(List.of("Content-Type: application/pkcs7-mime; smime-type=certs-only",
                    "Content-Transfer-Encoding: base64"), "R0g=".getBytes(US_ASCII)));

    @Test
    void writesEachPartAfterACrlfDelimitedBoundaryAndClosesTheBody() {
        MultipartMixed.Encoded encoded = MultipartMixed.encode(PARTS, () -> "b0und");
        assertThat(encoded.contentType()).isEqualTo("multipart/mixed; boundary=b0und");
        assertThat(new String(encoded.body(), US_ASCII)).isEqualTo("""
                --b0und\r
                Content-Type: application/pkcs8\r
                \r
                QUJD\r
                REVG\r
                --b0und\r
                Content-Type: application/pkcs7-mime; smime-type=certs-only\r
                Content-Transfer-Encoding: base64\r
                \r
                R0g=\r
                --b0und--\r
                """);
    }

    @Test
    void takesAnotherBoundaryWhenTheCandidateOccursInAPart() {
        Iterator<String> candidates = List.of("QUJD", "smime-type", "b0und").iterator();
        assertThat(MultipartMixed.encode(PARTS, candidates::next).contentType())
                .isEqualTo("multipart/mixed; boundary=b0und");
    }

    @Test
    void drawsAFreshRandomBoundaryForEveryBody() {
        MultipartMixed.Encoded first = MultipartMixed.encode(PARTS);
        MultipartMixed.Encoded second = MultipartMixed.encode(PARTS);
        Multipart parsed = Multipart.parse(first.contentType(), first.body());
        assertThat(parsed.boundary()).isNotEqualTo(Multipart.parse(second.contentType(), second.body()).boundary());
        assertThat(parsed.parts()).extracting(Multipart.Part::headers)
                .containsExactly(PARTS.get(0).headers(), PARTS.get(1).headers());
        assertThat(parsed.parts().get(1).content()).isEqualTo(PARTS.get(1).content());
    }

    @Test
    void refusesAHeaderThatWouldBreakTheLine() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MultipartMixed.Part(
                List.of("Content-Type: text/plain\r\nX-Injected: yes"), new byte[0]));
    }
}
