package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.ExtendedSSLSession;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.estserver.service.support.ChannelBindingProfiles;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Multipart;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.RawHttps;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * INTEROP 19, RFC 7030 §3.5 with RFC 9266 tls-exporter: on label {@code bound} (channel-binding=true) a CSR must
 * carry, in its challengePassword, the keying material exported from the connection that sends it. The client side
 * is a raw JDK SSLSocket, so the connection that computes the value is the one that carries the request.
 */
@QuarkusTest
@TestProfile(ChannelBindingProfiles.class)
class ChannelBindingTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private static String device() {
        return "bound-" + UUID.randomUUID();
    }

    /** RFC 9266 §2, computed by the client on its own end of the connection. */
    private static byte[] tlsExporter(RawHttps connection) throws Exception {
        return ((ExtendedSSLSession) connection.socket().getSession())
                .exportKeyingMaterialData("EXPORTER-Channel-Binding", new byte[0], 32);
    }

    private static PKCS10CertificationRequest boundCsr(KeyPair keys, String name, byte[] binding) {
        return Csrs.withAttributes(keys, "CN=" + name,
                Csrs.challengePassword(Base64.getEncoder().encodeToString(binding)));
    }

    private static RawHttps.Response enroll(RawHttps connection, String label, PKCS10CertificationRequest csr)
            throws Exception {
        return connection.post(label + "/simpleenroll", "application/pkcs10", Csrs.base64(csr),
                "Authorization", EstClient.DEMO_BASIC);
    }

    private static X509Certificate issued(RawHttps.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return Pkcs7.single(response.body());
    }

    @Test
    void enrollsWithTheTlsExporterOfItsOwnTls13Connection() throws Exception {
        String name = device();
        try (RawHttps connection = new RawHttps("TLSv1.3")) {
            assertThat(connection.socket().getSession().getProtocol()).isEqualTo("TLSv1.3");
            X509Certificate cert = issued(enroll(connection, "bound",
                    boundCsr(TestKeys.ecP256(), name, tlsExporter(connection))));
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
        }
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and label = "
                + "'bound' and outcome = 'ISSUED'", name)).isEqualTo(1);
    }

    /** The JDK negotiates extended master secret by default on both ends, so TLS 1.2 has a tls-exporter too. */
    @Test
    void enrollsWithTheTlsExporterOfATls12ConnectionWithExtendedMasterSecret() throws Exception {
        try (RawHttps connection = new RawHttps("TLSv1.2")) {
            assertThat(connection.socket().getSession().getProtocol()).isEqualTo("TLSv1.2");
            // PrintableString, as OpenSSL writes it under "string_mask = default" (utf8only gives UTF8String).
            String binding = Base64.getEncoder().encodeToString(tlsExporter(connection));
            PKCS10CertificationRequest csr = Csrs.withAttributes(TestKeys.ecP256(), "CN=" + device(),
                    new Attribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                            new DERSet(new DERPrintableString(binding))));
            issued(enroll(connection, "bound", csr));
        }
    }

    @Test
    void refusesAValueExportedFromAnotherConnection() throws Exception {
        byte[] otherConnectionsValue;
        try (RawHttps other = new RawHttps()) {
            otherConnectionsValue = tlsExporter(other);
        }
        try (RawHttps connection = new RawHttps()) {
            RawHttps.Response response = enroll(connection, "bound",
                    boundCsr(TestKeys.ecP256(), device(), otherConnectionsValue));
            rejections.assertRejected(response, 403, "profile 'channel-bound' requires channel binding "
                    + "(est.profiles.channel-bound.channel-binding)", "challengePassword does not match the "
                    + "tls-exporter value of this TLS connection");
            assertThat(response.text()).doesNotContain(Base64.getEncoder().encodeToString(tlsExporter(connection)));
        }
    }

    @Test
    void refusesACsrWithoutChallengePassword() throws Exception {
        try (RawHttps connection = new RawHttps()) {
            rejections.assertRejected(enroll(connection, "bound", Csrs.csr(TestKeys.ecP256(), "CN=" + device())),
                    403, "the CSR has no challengePassword attribute", "EXPORTER-Channel-Binding");
        }
    }

    @Test
    void refusesAChallengePasswordThatIsNotBase64() throws Exception {
        try (RawHttps connection = new RawHttps()) {
            rejections.assertRejected(enroll(connection, "bound", Csrs.withAttributes(TestKeys.ecP256(),
                    "CN=" + device(), Csrs.challengePassword("not base64!"))), 403, "challengePassword is not base64");
        }
    }

    @Test
    void reenrollmentNeedsTheBindingOfItsOwnConnectionToo() throws Exception {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert;
        try (RawHttps connection = new RawHttps()) {
            cert = issued(enroll(connection, "bound", boundCsr(keys, name, tlsExporter(connection))));
        }
        var withCertificate = TestTls.context(keys.getPrivate(), List.of(cert));
        try (RawHttps connection = new RawHttps(withCertificate)) {
            rejections.assertRejected(connection.post("bound/simplereenroll", "application/pkcs10",
                    Csrs.base64(Csrs.csr(keys, "CN=" + name))), 403, "the CSR has no challengePassword attribute");
        }
        try (RawHttps connection = new RawHttps(withCertificate)) {
            X509Certificate renewed = issued(connection.post("bound/simplereenroll", "application/pkcs10",
                    Csrs.base64(boundCsr(keys, name, tlsExporter(connection)))));
            assertThat(renewed.getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
        }
    }

    /** The server generates the key, but it goes back on this connection: the CSR must be bound to it too. */
    @Test
    void serverkeygenNeedsTheBindingOfItsOwnConnectionToo() throws Exception {
        try (RawHttps connection = new RawHttps()) {
            rejections.assertRejected(connection.post("keygen-bound/serverkeygen", "application/pkcs10",
                    Csrs.base64(Csrs.csr(TestKeys.ecP256(), "CN=" + device())), "Authorization",
                    EstClient.DEMO_BASIC), 403, "profile 'keygen-bound' requires channel binding",
                    "the CSR has no challengePassword attribute");
        }
        try (RawHttps connection = new RawHttps()) {
            RawHttps.Response response = connection.post("keygen-bound/serverkeygen", "application/pkcs10",
                    Csrs.base64(boundCsr(TestKeys.ecP256(), device(), tlsExporter(connection))), "Authorization",
                    EstClient.DEMO_BASIC);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(Multipart.parse(response.header("Content-Type"), response.body()).parts()).hasSize(2);
        }
    }

    @Test
    void profilesWithoutChannelBindingIgnoreTheChallengePassword() {
        HttpResponse<byte[]> response = EstClient.anonymous().enroll(null, Csrs.withAttributes(TestKeys.ecP256(),
                "CN=" + device(), Csrs.challengePassword("whatever the device's library put here")));
        assertThat(response.statusCode()).as(EstClient.text(response)).isEqualTo(200);
    }

    /**
     * The exporter is computed on the session Vert.x hands out. Pin down that it is the JDK's own session behind
     * Netty's JDK engine (no native OpenSSL engine, no wrapper whose exporter would throw).
     */
    @Test
    void requestsArriveOnTheJdkTlsEngineAndSession() throws Exception {
        String classes;
        try (RawHttps connection = new RawHttps()) {
            connection.write(RawHttps.ascii("GET /test-support/tls HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            classes = connection.read().text();
        }
        // Netty's JDK engine (JdkSslEngine or its ALPN subclass) delegates getSession() to the JDK engine.
        assertThat(classes).startsWith("engine=io.netty.handler.ssl.Jdk").contains("SslEngine\n")
                .contains("session=sun.security.ssl.SSLSessionImpl\n");
        assertThat(ExtendedSSLSession.class.isAssignableFrom(Class.forName("sun.security.ssl.SSLSessionImpl")))
                .isTrue();
    }
}
