package dev.estserver.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The unit tests assert problems; this pins the HTTP status each one becomes. */
class ProblemTest {

    @ParameterizedTest
    @CsvSource({"MALFORMED, 400", "UNAUTHENTICATED, 401", "ADMIN_UNAUTHENTICATED, 401", "FORBIDDEN, 403",
            "NOT_FOUND, 404", "METHOD_NOT_ALLOWED, 405", "CONFLICT, 409", "TOO_LARGE, 413",
            "UNSUPPORTED_MEDIA_TYPE, 415", "NOT_IMPLEMENTED, 501", "UNAVAILABLE, 503"})
    void mapsToItsHttpStatus(Problem problem, int status) {
        assertThat(problem.status()).isEqualTo(status);
    }
}
