package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevocationPointersTest {

    @Test
    void namesTheCrlOfTheCaAndTheOcspResponderUnderTheBaseUrl() {
        assertThat(RevocationPointers.of("https://est.example.com:8443/", "default"))
                .isEqualTo(new RevocationPointers("https://est.example.com:8443/crl/default.crl",
                        "https://est.example.com:8443/ocsp"));
    }

    @Test
    void keepsAPathPrefixOfTheBaseUrl() {
        assertThat(RevocationPointers.of("http://pki.example.com/est", "plant-a").crlUrl())
                .isEqualTo("http://pki.example.com/est/crl/plant-a.crl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ldap://directory.example.com | the scheme must be https or http",
            "est.example.com:8443 | the scheme must be https or http",
            "https:///crl | it names no host",
            "https://est.example.com/?x=1 | it must not have a query or fragment"})
    void refusesBaseUrlThatRelyingPartiesCouldNotUse(String baseUrl, String problem) {
        assertThatThrownBy(() -> RevocationPointers.of(baseUrl, "default")).isInstanceOf(IllegalStateException.class)
                .hasMessage("est.revocation.base-url must be an absolute URL such as https://est.example.com:8443 ("
                        + problem + "), got '" + baseUrl + "'");
    }

    @Test
    void refusesCaNameThatCannotBePartOfAUrl() {
        assertThatThrownBy(() -> RevocationPointers.of("https://est.example.com", "plant a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("est.cas.plant a.*: the CA name becomes part of its CRL URL");
    }
}
