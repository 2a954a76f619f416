package dev.estserver.service.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7617 Authorization: Basic headers; anything else is "no credentials", never an exception. */
class BasicCredentialsTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(UTF_8));
    }

    @Test
    void parsesUsernameAndPassword() {
        assertThat(BasicCredentials.parse(basic("device-1:s3cret")))
                .contains(new BasicCredentials("device-1", "s3cret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "BASIC", "bAsIc"})
    void schemeIsCaseInsensitive(String scheme) {
        String header = scheme + " " + Base64.getEncoder().encodeToString("device-1:s3cret".getBytes(UTF_8));
        assertThat(BasicCredentials.parse(header)).contains(new BasicCredentials("device-1", "s3cret"));
    }

    @Test
    void passwordMayContainColonsBecauseOnlyTheFirstOneSeparates() {
        assertThat(BasicCredentials.parse(basic("device-1:a:b::c")))
                .contains(new BasicCredentials("device-1", "a:b::c"));
    }

    @Test
    void emptyPasswordIsStillCredentials() {
        assertThat(BasicCredentials.parse(basic("device-1:"))).contains(new BasicCredentials("device-1", ""));
    }

    @Test
    void passwordIsUtf8() {
        assertThat(BasicCredentials.parse(basic("gerät:pässwörd")))
                .contains(new BasicCredentials("gerät", "pässwörd"));
    }

    @Test
    void missingColonIsNoCredentials() {
        assertThat(BasicCredentials.parse(basic("device-1"))).isEmpty();
    }

    @Test
    void badBase64IsNoCredentials() {
        assertThat(BasicCredentials.parse("Basic not*base64")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ZGV2aWNlLTE6czNjcmV0", "Digest username=\"device-1\"", "BasicZGV2aWNlLTE6czNjcmV0",
            "Basic", ""})
    void otherSchemesAreNoCredentials(String header) {
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }

    @Test
    void absentHeaderIsNoCredentials() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
    }

    @Test
    void toStringNeverShowsThePassword() {
        BasicCredentials credentials = BasicCredentials.parse(basic("device-1:s3cret-value")).orElseThrow();
        assertThat(credentials.toString()).contains("device-1").doesNotContain("s3cret-value");
    }
}
