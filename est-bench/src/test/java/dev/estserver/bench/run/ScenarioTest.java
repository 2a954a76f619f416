package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.estserver.bench.load.ConnectionMode;

class ScenarioTest {

    @Test
    void theIssuesScenariosRunWithTheSeededOneLast() {
        assertThat(Scenario.ALL).extracting(s -> s.name() + ":" + s.concurrency()).containsExactly("keep-alive:1",
                "keep-alive:8", "keep-alive:64", "new-connection:8", "new-connection:64", "new-connection-resumed:64",
                "connections-1000:1000", "keep-alive-1m:64");
        assertThat(Scenario.ALL.getLast().seeded()).isTrue();
    }

    @Test
    void aNameSelectsEveryConcurrencyOfIt() {
        assertThat(Scenario.select(List.of("new-connection"))).extracting(Scenario::concurrency).containsExactly(8, 64);
    }

    @Test
    void aConcurrencySelectsOneOrMakesOneInTheScenariosMode() {
        List<Scenario> selected = Scenario.select(List.of("keep-alive-1m:2", "new-connection-resumed:3"));

        assertThat(selected).containsExactly(
                new Scenario("new-connection-resumed", ConnectionMode.NEW_CONNECTION_RESUMED, 3, false),
                new Scenario("keep-alive-1m", ConnectionMode.KEEP_ALIVE, 2, true));
    }

    @Test
    void rejectsUnknownNamesAndBadConcurrencies() {
        assertThatThrownBy(() -> Scenario.select(List.of("keepalive"))).hasMessage("unknown scenario 'keepalive' in "
                + "--scenarios; expected one of [keep-alive, new-connection, new-connection-resumed, "
                + "connections-1000, keep-alive-1m]");
        assertThatThrownBy(() -> Scenario.select(List.of("keep-alive:0"))).hasMessage("bad scenario 'keep-alive:0': "
                + "expected <name>:<concurrency> with a positive concurrency");
    }

    @Test
    void identitiesAreDistinctPerRunCaProviderScenarioAndConcurrency() {
        assertThat(Scenario.ALL.get(2).identityPrefix("20261122-120000", CaAlgorithm.RSA_2048, ProviderSet.JDK))
                .isEqualTo("20261122-120000-rsa-2048-j-keep-alive-c64-");
    }

    /** The prefix and a pool index are a CSR's CN, which RFC 5280 bounds at 64 characters. */
    @Test
    void everyIdentityFitsACommonNameWithAMillionCsrsInThePool() {
        for (Scenario scenario : Scenario.ALL) {
            for (CaAlgorithm ca : CaAlgorithm.values()) {
                for (ProviderSet provider : ProviderSet.values()) {
                    assertThat(scenario.identityPrefix("20261122-120000", ca, provider) + "9999999")
                            .hasSizeLessThanOrEqualTo(64);
                }
            }
        }
    }
}
