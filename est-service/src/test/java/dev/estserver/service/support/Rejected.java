package dev.estserver.service.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The unit-level contract of a refusal: the problem (which fixes the HTTP status) and a message that says what
 * failed. The message goes to the client verbatim, so its wording is part of the contract.
 */
public final class Rejected {

    private Rejected() {
    }

    public static void assertRejected(ThrowingCallable call, Problem problem, String... messageFragments) {
        assertThatExceptionOfType(RequestRejected.class).isThrownBy(call)
                .satisfies(e -> assertThat(e.problem()).as("problem of '%s'", e.getMessage()).isEqualTo(problem))
                .withMessageContainingAll(messageFragments);
    }
}
