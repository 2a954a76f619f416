package dev.estserver.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.support.TestProfiles;

/** Subject and SAN rules: each violation names the rule's property and shows what the CSR had. */
class NameRulesTest {

    private static final Profile IOT = ProfileParser.parse("iot", TestProfiles.config(
            "subject.required", "CN", "subject.allowed", "CN,O", "subject.forbidden", "OU",
            "subject.patterns.CN", "[a-z0-9-]+", "san.allowed", "dns", "san.patterns.dns", "*.plant-a.example"));

    @Test
    void acceptsNamesThatFollowEveryRule() {
        assertThatCode(() -> IOT.subject().check(Map.of("CN", List.of("robot-7"), "O", List.of("Acme")), "CN=robot-7"))
                .doesNotThrowAnyException();
        assertThatCode(() -> IOT.san().check(Map.of("dns", List.of("robot-7.plant-a.example")), "DNS:robot-7"))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsMissingRequiredAttribute() {
        assertThatThrownBy(() -> IOT.subject().check(Map.of("O", List.of("Acme")), "O=Acme"))
                .isInstanceOf(RequestRejected.class)
                .hasMessage("CSR subject violates the profile: CN is required (est.profiles.iot.subject.required) "
                        + "but the CSR subject has none; CSR subject: O=Acme");
    }

    @Test
    void rejectsForbiddenAttribute() {
        assertThatThrownBy(() -> IOT.subject().check(Map.of("CN", List.of("a"), "OU", List.of("x")), "CN=a,OU=x"))
                .hasMessageContaining("OU is forbidden (est.profiles.iot.subject.forbidden)");
    }

    @Test
    void rejectsAttributeOutsideTheAllowedList() {
        assertThatThrownBy(() -> IOT.subject().check(Map.of("CN", List.of("a"), "L", List.of("x")), "CN=a,L=x"))
                .hasMessageContaining("L is not allowed (est.profiles.iot.subject.allowed=CN,O)");
    }

    @Test
    void rejectsValueNotMatchingThePattern() {
        assertThatThrownBy(() -> IOT.subject().check(Map.of("CN", List.of("Robot_7")), "CN=Robot_7"))
                .hasMessageContaining(
                        "CN 'Robot_7' does not match '[a-z0-9-]+' (est.profiles.iot.subject.patterns.CN)");
    }

    @Test
    void dnsWildcardStandsForExactlyOneLabel() {
        ValuePattern wildcard = ValuePattern.parse("*.plant-a.example");
        assertThat(wildcard.matches("ROBOT.plant-a.example")).isTrue();
        assertThat(wildcard.matches("a.b.plant-a.example")).isFalse();
        assertThat(wildcard.matches("plant-a.example")).isFalse();
        assertThat(wildcard.matches("evilplant-a.example")).isFalse();
    }

    @Test
    void rejectsSanOfAnotherTypeAndOutsideTheWildcard() {
        assertThatThrownBy(() -> IOT.san().check(Map.of("ip", List.of("10.0.0.1")), "IP:10.0.0.1"))
                .hasMessageContaining("ip is not allowed (est.profiles.iot.san.allowed=dns)");
        assertThatThrownBy(() -> IOT.san().check(Map.of("dns", List.of("x.plant-b.example")), "DNS:x.plant-b.example"))
                .hasMessageContaining("dns 'x.plant-b.example' does not match '*.plant-a.example'");
    }
}
