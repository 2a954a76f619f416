package dev.estserver.service.est;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.problem.Problem;

class EstMediaTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/pkcs10", "Application/PKCS10", "application/pkcs10; charset=utf-8",
            " application/pkcs10 ;name=csr.p10", "APPLICATION/PKCS10;"})
    void acceptsTheExpectedTypeInAnyCaseWithParameters(String contentType) {
        assertThatCode(() -> EstMediaTypes.require(Optional.of(contentType), EstMediaTypes.PKCS10))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnotherTypeNamingExpectedAndSeenType() {
        assertRejected(() -> EstMediaTypes.require(Optional.of("application/x-pem-file"), EstMediaTypes.PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/pkcs10, got 'application/x-pem-file'");
    }

    @Test
    void rejectsATypeThatOnlyStartsWithTheExpectedOne() {
        assertRejected(() -> EstMediaTypes.require(Optional.of("application/pkcs10-extra"), EstMediaTypes.PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE, "must be application/pkcs10", "got 'application/pkcs10-extra'");
    }

    @Test
    void rejectsMissingHeaderSayingNoneWasSent() {
        assertRejected(() -> EstMediaTypes.require(Optional.empty(), EstMediaTypes.PKCS10),
                Problem.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/pkcs10, got none");
    }
}
