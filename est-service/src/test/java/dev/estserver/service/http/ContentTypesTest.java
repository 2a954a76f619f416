package dev.estserver.service.http;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.problem.Problem;

class ContentTypesTest {

    private static final String PKCS10 = "application/pkcs10";

    @ParameterizedTest
    @ValueSource(strings = {"application/pkcs10", "Application/PKCS10", "application/pkcs10; charset=utf-8",
            " application/pkcs10 ;name=csr.p10", "APPLICATION/PKCS10;"})
    void acceptsTheExpectedTypeInAnyCaseWithParameters(String contentType) {
        assertThatCode(() -> ContentTypes.require(Optional.of(contentType), PKCS10))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnotherTypeNamingExpectedAndSeenType() {
        assertRejected(() -> ContentTypes.require(Optional.of("application/x-pem-file"), PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/pkcs10, got 'application/x-pem-file'");
    }

    @Test
    void rejectsATypeThatOnlyStartsWithTheExpectedOne() {
        assertRejected(() -> ContentTypes.require(Optional.of("application/pkcs10-extra"), PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE, "must be application/pkcs10", "got 'application/pkcs10-extra'");
    }

    @Test
    void rejectsMissingHeaderSayingNoneWasSent() {
        assertRejected(() -> ContentTypes.require(Optional.empty(), PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/pkcs10, got none");
    }
}
