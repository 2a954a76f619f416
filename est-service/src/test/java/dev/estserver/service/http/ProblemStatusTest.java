package dev.estserver.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.estserver.service.problem.Problem;

/** The unit tests assert problems; this pins the HTTP status each one becomes on EST and the admin API. */
class ProblemStatusTest {

    @ParameterizedTest
    @CsvSource({"MALFORMED, 400", "UNAUTHENTICATED, 401", "FORBIDDEN, 403", "NOT_FOUND, 404",
            "METHOD_NOT_ALLOWED, 405", "CONFLICT, 409", "TOO_LARGE, 413", "UNSUPPORTED_MEDIA_TYPE, 415",
            "TOO_MANY_REQUESTS, 429", "NOT_IMPLEMENTED, 501", "UNAVAILABLE, 503"})
    void mapsEachProblemToItsHttpStatus(Problem problem, int status) {
        assertThat(ProblemStatus.of(problem)).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void mapsEveryProblemToAnErrorStatus(Problem problem) {
        assertThat(ProblemStatus.of(problem)).isBetween(400, 599);
    }
}
