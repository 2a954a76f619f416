package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.SecondCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/** Several issuing CAs, one per label; /cacerts of a label carries its chain and rollover certificates. */
@QuarkusTest
@QuarkusTestResource(SecondCa.class)
class IssuingCaPerLabelTest {

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static X509Certificate secondCa() {
        return PemFiles.readCertificates(SecondCa.DIR.resolve("ca.pem")).getFirst();
    }

    @Test
    void cacertsOfALabelReturnsItsCaThenTheRolloverCertificates() {
        HttpResponse<byte[]> response = client.get("second/cacerts");
        assertThat(response.statusCode()).isEqualTo(200);
        List<X509Certificate> certificates = Pkcs7.certificates(response.body());
        List<X509Certificate> rollover = PemFiles.readCertificates(SecondCa.DIR.resolve("rollover.pem"));
        // certs-only holds a DER SET, which has no order: the client sorts the chain out by names and keys.
        assertThat(certificates).hasSize(4).contains(secondCa()).containsAll(rollover);
        assertThat(certificates).extracting(c -> c.getSubjectX500Principal().getName())
                .contains("O=est-server test,CN=EST Second Issuing CA G2");
    }

    @Test
    void otherLabelsKeepTheDefaultCa() {
        assertThat(Pkcs7.certificates(client.get("cacerts").body())).containsExactly(TestTls.caCertificate());
        assertThat(Pkcs7.certificates(client.get("iot/cacerts").body())).containsExactly(TestTls.caCertificate());
    }

    @Test
    void enrollsWithTheLabelsCaAndRenewsOnlyThere() throws Exception {
        String name = "dev-" + UUID.randomUUID();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled("second", Csrs.csr(keys, "CN=" + name));
        cert.verify(secondCa().getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(secondCa().getSubjectX500Principal());

        EstClient device = EstClient.withCertificate(keys, cert);
        assertThat(device.reenroll("second", Csrs.csr(keys, "CN=" + name)).statusCode()).isEqualTo(200);
        rejections.assertRejected(device.reenroll(null, Csrs.csr(keys, "CN=" + name)), 403,
                "was not issued by this label's CA (O=est-server demo,CN=EST Demo Root CA)");
    }
}
