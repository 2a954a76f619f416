package dev.estserver.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.estserver.operator.status.Reason;

class SpecDurationsTest {

    private static final Duration FALLBACK = Duration.ofDays(7);

    @Test
    void readsGoStyleHours() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", "720h", null)).isEqualTo(Duration.ofHours(720));
    }

    @Test
    void readsGoStyleCompounds() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", "1h30m", null)).isEqualTo(Duration.ofMinutes(90));
        assertThat(SpecDurations.parse("spec.duration", "2d12h30m15s", null))
                .isEqualTo(Duration.ofDays(2).plusHours(12).plusMinutes(30).plusSeconds(15));
    }

    @Test
    void readsDaysWhichGoDoesNot() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", "90d", null)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void readsIso8601() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", "P90D", null)).isEqualTo(Duration.ofDays(90));
        assertThat(SpecDurations.parse("spec.duration", "PT2H", null)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void toleratesSurroundingBlanks() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", " 24h ", null)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void usesTheFallbackOnlyWhenTheFieldIsAbsent() throws InvalidSpec {
        assertThat(SpecDurations.parse("spec.duration", null, FALLBACK)).isEqualTo(FALLBACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0h", "0d0h0m0s", "PT0S", "-1h", "PT-2H", "-P1D", "", "ten years", "1.5h", "h", "1w",
            "P1Y", "99999999999999999999h", "106751991167301d", "PT9999999999999999999H"})
    void rejectsWhatIsNotAPositiveDurationNamingTheField(String text) {
        assertThatThrownBy(() -> SpecDurations.parse("spec.renewBefore", text, FALLBACK))
                .isInstanceOfSatisfying(InvalidSpec.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_DURATION);
                    assertThat(e.getMessage()).startsWith("spec.renewBefore must be a positive duration")
                            .contains("'" + text + "'");
                });
    }
}
