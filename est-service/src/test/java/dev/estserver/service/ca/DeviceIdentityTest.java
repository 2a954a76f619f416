package dev.estserver.service.ca;

import static dev.estserver.service.support.Rejected.assertRejected;
import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.TestCa;

/** The name a device is recorded under, which decides whether an enrollment is a duplicate. */
class DeviceIdentityTest {

    @Test
    void commonNameIsTheIdentity() {
        assertThat(DeviceIdentity.of(TestCa.request("CN=device-1,O=Acme", dns("other.example")))).isEqualTo("device-1");
    }

    @Test
    void commonNameIsFoundAnywhereInTheSubject() {
        assertThat(DeviceIdentity.of(TestCa.request("O=Acme,OU=Sensors,CN=device-1"))).isEqualTo("device-1");
    }

    @Test
    void commonNameIsTheIdentityInAMultiValuedRdn() {
        assertThat(DeviceIdentity.of(TestCa.request("CN=device-1+serialNumber=12345"))).isEqualTo("device-1");
    }

    @Test
    void wholeSubjectWhenThereIsNoCommonName() {
        assertThat(DeviceIdentity.of(TestCa.request("O=Acme,OU=Sensors,serialNumber=12345", dns("s.example"))))
                .isEqualTo("O=Acme,OU=Sensors,SERIALNUMBER=12345");
    }

    @Test
    void firstSanWhenTheSubjectIsEmpty() {
        assertThat(DeviceIdentity.of(TestCa.request("", dns("device-1.example"), dns("alias.example"))))
                .isEqualTo("DNS:device-1.example");
    }

    @Test
    void firstSanOfAnyTypeWhenTheSubjectIsEmpty() {
        assertThat(DeviceIdentity.of(TestCa.request("", new GeneralName(GeneralName.iPAddress, "192.0.2.7"))))
                .isEqualTo("IP:192.0.2.7");
    }

    @Test
    void rejectsARequestWithNeitherSubjectNorSan() {
        assertRejected(() -> DeviceIdentity.of(TestCa.request("")), Problem.MALFORMED,
                "CSR has neither a subject nor a subject alternative name; one is needed to identify the device");
    }
}
