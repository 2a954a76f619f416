package dev.estserver.service.protocol.est;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestTls;

@QuarkusTest
class CacertsTest {

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    @Test
    void returnsCaChainAsBase64CertsOnlyWithoutAuthentication() {
        HttpResponse<byte[]> response = client.get("cacerts");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkcs7-mime");
        assertThat(response.headers().firstValue("Content-Transfer-Encoding")).hasValue("base64");
        assertThat(Pkcs7.certificates(response.body())).containsExactly(TestTls.caCertificate());
    }

    @Test
    void servesEveryConfiguredLabel() {
        assertThat(Pkcs7.certificates(client.get("plant-a/cacerts").body()))
                .containsExactly(TestTls.caCertificate());
    }

    @Test
    void answersOddAcceptHeadersInsteadOf406() {
        for (String accept : new String[] {"text/plain", "*/*", "application/json", "application/pkcs7-mime"}) {
            assertThat(client.get("cacerts", "Accept", accept).statusCode()).as("Accept: %s", accept).isEqualTo(200);
        }
    }

    @Test
    void rejectsUnknownLabel() {
        rejections.assertRejected(client.get("nope/cacerts"), 404,
                "unknown EST label 'nope'");
    }

    @Test
    void rejectsUnknownOperation() {
        rejections.assertRejected(client.get("plant-a/cacertz"), 404,
                "no EST operation at /.well-known/est/plant-a/cacertz");
    }

    @Test
    void rejectsWrongMethod() {
        rejections.assertRejected(client.post("cacerts", "text/plain", new byte[] {1}),
                405, "/cacerts takes GET, not POST");
    }
}
