package dev.estserver.service.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

/** The names as openssl x509 -text prints them, so operators can compare the two. */
class SubjectAltNamesTest {

    @Test
    void dnsName() {
        assertThat(SubjectAltNames.describe(new GeneralName(GeneralName.dNSName, "dev.example")))
                .isEqualTo("DNS:dev.example");
    }

    @Test
    void ipv4Address() {
        assertThat(SubjectAltNames.describe(new GeneralName(GeneralName.iPAddress, "192.0.2.7")))
                .isEqualTo("IP:192.0.2.7");
    }

    @Test
    void ipv6AddressInFullForm() {
        assertThat(SubjectAltNames.describe(new GeneralName(GeneralName.iPAddress, "2001:db8::1")))
                .isEqualTo("IP:2001:db8:0:0:0:0:0:1");
    }

    @Test
    void emailAddress() {
        assertThat(SubjectAltNames.describe(new GeneralName(GeneralName.rfc822Name, "ops@dev.example")))
                .isEqualTo("email:ops@dev.example");
    }

    @Test
    void uri() {
        assertThat(SubjectAltNames.describe(new GeneralName(GeneralName.uniformResourceIdentifier,
                "urn:dev:serial:42"))).isEqualTo("URI:urn:dev:serial:42");
    }

    @Test
    void severalNamesAreSortedAndCommaSeparatedSoThatSetsCompareAsText() {
        List<GeneralName> names = List.of(new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                new GeneralName(GeneralName.dNSName, "b.example"), new GeneralName(GeneralName.dNSName, "a.example"));
        assertThat(SubjectAltNames.describe(names)).isEqualTo("DNS:a.example, DNS:b.example, IP:10.0.0.1");
    }

    @Test
    void noNamesIsEmptyText() {
        assertThat(SubjectAltNames.describe(List.of())).isEmpty();
    }
}
