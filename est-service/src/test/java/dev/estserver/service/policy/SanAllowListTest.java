package dev.estserver.service.policy;

import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.Rejected;

/** The SANs registered for one device: written as openssl prints them, compared as each type is compared. */
class SanAllowListTest {

    private static final SanAllowList ALLOWED = SanAllowList.parse("allowedSans", List.of("DNS:app.example.com",
            "IP:10.0.0.7", "IP:2001:db8::1", "URI:spiffe://example.org/app", "email:ops@example.com"));

    private static Optional<GeneralName> outside(GeneralName... names) {
        return ALLOWED.firstOutside(Optional.of(new GeneralNames(names)));
    }

    @Test
    void allowsEachListedNameComparingDnsWithoutCaseAndIpByAddress() {
        assertThat(outside(dns("App.Example.COM"), new GeneralName(GeneralName.iPAddress, "10.0.0.7"),
                new GeneralName(GeneralName.iPAddress, "2001:0db8:0:0:0:0:0:1"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.org/app"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.com"))).isEmpty();
    }

    @Test
    void findsTheFirstNameOutsideTheList() {
        assertThat(outside(dns("app.example.com"), dns("db.example.com"))).contains(dns("db.example.com"));
        assertThat(outside(new GeneralName(GeneralName.iPAddress, "10.0.0.8"))).isPresent();
        assertThat(outside(new GeneralName(GeneralName.uniformResourceIdentifier, "SPIFFE://example.org/app")))
                .as("URIs compare exactly").isPresent();
        assertThat(outside(new GeneralName(GeneralName.rfc822Name, "OPS@example.com"))).isPresent();
        assertThat(outside(dns("10.0.0.7"))).as("a DNS name is not an IP address").isPresent();
    }

    @Test
    void anEmptyListAllowsOnlyNoSans() {
        SanAllowList none = SanAllowList.parse("allowedSans", List.of());
        assertThat(none.firstOutside(Optional.empty())).isEmpty();
        assertThat(none.firstOutside(Optional.of(new GeneralNames(dns("a.example"))))).contains(dns("a.example"));
    }

    @Test
    void refusesEntriesThatAreNotOpensslSanNotation() {
        Rejected.assertRejected(() -> SanAllowList.parse("allowedSans", List.of("othername:1.2.3;UTF8:x")),
                Problem.MALFORMED, "allowedSans: 'othername:1.2.3;UTF8:x' must start with one of "
                        + "[DNS:, IP:, URI:, email:]");
        Rejected.assertRejected(() -> SanAllowList.parse("allowedSans", List.of("app.example.com")),
                Problem.MALFORMED, "'app.example.com' must start with one of");
        Rejected.assertRejected(() -> SanAllowList.parse("allowedSans", List.of("URI: ")), Problem.MALFORMED,
                "allowedSans: 'URI: ' has no value after URI:");
        Rejected.assertRejected(() -> SanAllowList.parse("allowedSans", List.of("IP:localhost")), Problem.MALFORMED,
                "allowedSans: 'IP:localhost' is not an IPv4 or IPv6 address literal");
    }
}
