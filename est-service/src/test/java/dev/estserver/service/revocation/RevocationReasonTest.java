package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.estserver.service.problem.RequestRejected;

class RevocationReasonTest {

    @ParameterizedTest
    @ValueSource(strings = {"keyCompromise", "KEY_COMPROMISE", "key-compromise", "KeyCompromise"})
    void readsTheReasonAsOperatorsWriteIt(String text) {
        assertThat(RevocationReason.parse(text)).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(RevocationReason.parse(text).code()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"certificateHold", "removeFromCRL", "stolen", ""})
    void refusesReasonsThisServiceDoesNotOffer(String text) {
        assertThatThrownBy(() -> RevocationReason.parse(text)).isInstanceOf(RequestRejected.class)
                .hasMessage("revocation reason '" + text + "' is not one of unspecified, keyCompromise, "
                        + "cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn, "
                        + "aACompromise (RFC 5280 CRLReason)");
    }
}
