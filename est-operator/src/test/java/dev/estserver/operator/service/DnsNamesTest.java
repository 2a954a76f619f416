package dev.estserver.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class DnsNamesTest {

    @Test
    void matchesTheSameNameInAnyCase() {
        assertThat(DnsNames.matches("est.pki.svc", "est.pki.svc")).isTrue();
        assertThat(DnsNames.matches("EST.Pki.svc", "est.PKI.SVC")).isTrue();
        assertThat(DnsNames.matches("est.pki.svc", "est.pki.svc.cluster.local")).isFalse();
        assertThat(DnsNames.matches("est.pki.svc.cluster.local", "est.pki.svc")).isFalse();
    }

    @Test
    void aWildcardStandsForExactlyOneLeftMostLabel() {
        assertThat(DnsNames.matches("*.pki.svc", "est.pki.svc")).isTrue();
        assertThat(DnsNames.matches("*.PKI.svc", "Est.pki.SVC")).isTrue();
        assertThat(DnsNames.matches("*.pki.svc", "pki.svc")).isFalse();
        assertThat(DnsNames.matches("*.pki.svc", "a.est.pki.svc")).isFalse();
        assertThat(DnsNames.matches("*.pki.svc", ".pki.svc")).isFalse();
    }

    @Test
    void aWildcardCountsOnlyAsAWholeLeftMostLabel() {
        assertThat(DnsNames.matches("e*.pki.svc", "est.pki.svc")).isFalse();
        assertThat(DnsNames.matches("*st.pki.svc", "est.pki.svc")).isFalse();
        assertThat(DnsNames.matches("est.*.svc", "est.pki.svc")).isFalse();
        assertThat(DnsNames.matches("*.*.svc", "est.pki.svc")).isFalse();
    }

    @Test
    void aWildcardNeverCoversAWholeTopLevelName() {
        assertThat(DnsNames.matches("*.svc", "pki.svc")).isFalse();
        assertThat(DnsNames.matches("*", "localhost")).isFalse();
    }

    @Test
    void anIpAddressMatchesNoDnsName() {
        assertThat(DnsNames.matches("127.0.0.1", "127.0.0.1")).isFalse();
        assertThat(DnsNames.matches("*.0.0.1", "127.0.0.1")).isFalse();
        assertThat(DnsNames.matches("::1", "::1")).isFalse();
    }

    @Test
    void aServerNameWithAWildcardMatchesNothing() {
        assertThat(DnsNames.matches("*.pki.svc", "*.pki.svc")).isFalse();
    }

    @Test
    void namesAreTheSubjectAltNameDnsEntriesNeverTheCommonName() throws Exception {
        SelfSignedTls tls = SelfSignedTls.issue("est.pki.svc", new GeneralName(GeneralName.dNSName, "est"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.7"), new GeneralName(GeneralName.dNSName, "est.pki"));

        assertThat(DnsNames.of(tls.certificate())).containsExactly("est", "est.pki");
    }
}
