package dev.estserver.service.protocol.est;

import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.estserver.service.policy.Profiles;
import dev.estserver.service.problem.Problem;

/** The path after /.well-known/est/, as RFC 7030 §3.2.2 lays it out: [<label>/]<operation>. */
class EstPathTest {

    @Test
    void operationAloneUsesTheDefaultLabel() {
        assertThat(EstPath.parse("cacerts", "GET"))
                .isEqualTo(new EstPath(Profiles.DEFAULT_LABEL, EstOperation.CACERTS));
    }

    @Test
    void labelThenOperation() {
        assertThat(EstPath.parse("label/simpleenroll", "POST"))
                .isEqualTo(new EstPath("label", EstOperation.SIMPLEENROLL));
    }

    @Test
    void unknownOperationIsNotFoundAndListsTheOperations() {
        assertRejected(() -> EstPath.parse("label/enroll", "POST"), Problem.NOT_FOUND,
                "no EST operation at /.well-known/est/label/enroll", "simpleenroll|simplereenroll");
    }

    @Test
    void operationNamesAreCaseSensitive() {
        assertRejected(() -> EstPath.parse("CACERTS", "GET"), Problem.NOT_FOUND,
                "no EST operation at /.well-known/est/CACERTS");
    }

    @Test
    void threeSegmentsAreNotFound() {
        assertRejected(() -> EstPath.parse("a/b/cacerts", "GET"), Problem.NOT_FOUND,
                "no EST operation at /.well-known/est/a/b/cacerts");
    }

    @Test
    void trailingSlashIsNotFound() {
        assertRejected(() -> EstPath.parse("cacerts/", "GET"), Problem.NOT_FOUND,
                "no EST operation at /.well-known/est/cacerts/");
    }

    @Test
    void wrongMethodIsMethodNotAllowedNamingTheRightOne() {
        assertRejected(() -> EstPath.parse("simpleenroll", "GET"), Problem.METHOD_NOT_ALLOWED,
                "/simpleenroll takes POST, not GET");
    }

    @Test
    void wrongMethodOnALabelledPathIsMethodNotAllowed() {
        assertRejected(() -> EstPath.parse("label/cacerts", "POST"), Problem.METHOD_NOT_ALLOWED,
                "/cacerts takes GET, not POST");
    }
}
