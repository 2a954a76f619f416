package dev.estserver.service.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.auth.OneTimeCodes;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Multipart;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestKeys;

/**
 * The reference EST client: the real curl and openssl binaries, run as processes against the running service,
 * with the commands the README shows. Each test works in a directory of its own, like a device would.
 */
@QuarkusTest
class CurlOpensslInteropTest {

    private static final String URL = EstClient.BASE;

    @Inject
    OneTimeCodes oneTimeCodes;

    @Inject
    Database database;

    @TempDir
    Path dir;

    private Shell sh;
    private String name;

    @BeforeEach
    void setUp() {
        sh = Shell.withTrustAnchor(dir);
        name = "curl-" + UUID.randomUUID();
    }

    /** Key and base64 DER CSR for {@code name}, as the README makes them. */
    private void makeKeyAndCsr(String keyFile, String csrFile) {
        sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out " + keyFile);
        csr(keyFile, csrFile);
    }

    private void csr(String keyFile, String csrFile) {
        sh.ok("openssl req -new -key " + keyFile + " -subj /CN=" + name + " -addext subjectAltName=DNS:" + name
                + ".example -outform DER | openssl base64 > " + csrFile);
    }

    /** Decodes a certs-only response to PEM and checks it chains to the CA with `openssl verify`. */
    private void verify(String responseFile, String certFile) {
        sh.ok("openssl base64 -d -in " + responseFile + " | openssl pkcs7 -inform DER -print_certs -out " + certFile);
        assertThat(sh.ok("openssl verify -CAfile ca.pem " + certFile)).isEqualTo(certFile + ": OK\n");
    }

    private String enroll(String csrFile, String responseFile, String curlOptions) {
        return sh.ok("curl -sS --fail-with-body --cacert ca.pem -u estuser:estpwd " + curlOptions
                + " -H 'Content-Type: application/pkcs10' --data-binary @" + csrFile + " " + URL + "simpleenroll -o "
                + responseFile + " -w '%{http_code} %{content_type}'");
    }

    @Test
    void cacertsDecodesToTheTrustAnchor() {
        sh.ok("curl -sS --fail-with-body --cacert ca.pem " + URL + "cacerts -o cacerts.b64");
        sh.ok("openssl base64 -d -in cacerts.b64 | openssl pkcs7 -inform DER -print_certs -out cacerts.pem");
        assertThat(sh.ok("openssl x509 -in cacerts.pem -noout -fingerprint -sha256"))
                .isEqualTo(sh.ok("openssl x509 -in ca.pem -noout -fingerprint -sha256"));
    }

    @Test
    void enrollsReenrollsAndRekeysWithCurlAndOpenssl() {
        makeKeyAndCsr("key.pem", "csr.b64");
        assertThat(enroll("csr.b64", "cert.b64", "")).isEqualTo("200 application/pkcs7-mime; smime-type=certs-only");
        verify("cert.b64", "cert.pem");
        assertThat(sh.ok("openssl x509 -in cert.pem -noout -subject -ext subjectAltName"))
                .contains("subject=CN = " + name, "DNS:" + name + ".example");

        // Re-enroll: same key, authenticated by the certificate just issued.
        sh.ok("curl -sS --fail-with-body --cacert ca.pem --cert cert.pem --key key.pem -H 'Content-Type: "
                + "application/pkcs10' --data-binary @csr.b64 " + URL + "simplereenroll -o renewed.b64");
        verify("renewed.b64", "renewed.pem");
        assertThat(sh.ok("openssl x509 -in renewed.pem -noout -serial"))
                .isNotEqualTo(sh.ok("openssl x509 -in cert.pem -noout -serial"));

        // Rekey: a new RSA key in the CSR, authenticated with the renewed certificate and the old key.
        sh.ok("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out new-key.pem");
        csr("new-key.pem", "rekey.b64");
        sh.ok("curl -sS --fail-with-body --cacert ca.pem --cert renewed.pem --key key.pem -H 'Content-Type: "
                + "application/pkcs10' --data-binary @rekey.b64 " + URL + "simplereenroll -o rekeyed.b64");
        verify("rekeyed.b64", "rekeyed.pem");
        assertThat(sh.ok("openssl x509 -in rekeyed.pem -noout -pubkey"))
                .isEqualTo(sh.ok("openssl pkey -in new-key.pem -pubout"));
    }

    @Test
    void acceptsPemCsrAsCurlUsersPostIt() {
        sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out key.pem");
        sh.ok("openssl req -new -key key.pem -subj /CN=" + name + " -out csr.pem");
        assertThat(enroll("csr.pem", "cert.b64", "")).startsWith("200");
        verify("cert.b64", "cert.pem");
    }

    @Test
    void answersChallengeThenCredentialsAsLibestDoes() {
        makeKeyAndCsr("key.pem", "csr.b64");
        // --anyauth sends no credentials first and retries only after the 401 challenge.
        assertThat(enroll("csr.b64", "cert.b64", "--anyauth")).startsWith("200");
        verify("cert.b64", "cert.pem");
    }

    @Test
    void servesTls12OnlyClientWithEcdheEcdsaAesGcm() {
        makeKeyAndCsr("key.pem", "csr.b64");
        assertThat(enroll("csr.b64", "cert.b64", "--http1.1 --tlsv1.2 --tls-max 1.2 --ciphers "
                + "ECDHE-ECDSA-AES128-GCM-SHA256")).startsWith("200");
        verify("cert.b64", "cert.pem");
    }

    @Test
    void servesTls13AndHttp2() {
        assertThat(sh.ok("curl -sS --fail-with-body --cacert ca.pem --tlsv1.3 --http2 " + URL
                + "cacerts -o /dev/null -w '%{http_version}'")).isEqualTo("2");
    }

    @Test
    void refusesTls11WithProtocolVersionAlert() {
        Shell.Result result = sh.run("echo | openssl s_client -connect localhost:" + EstClient.PORT
                + " -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'");
        assertThat(result.output()).contains("alert protocol version").contains("Cipher is (NONE)");
    }

    @Test
    void presentsAServerChainThatVerifiesAgainstTheTrustAnchor() {
        assertThat(sh.run("echo | openssl s_client -connect localhost:" + EstClient.PORT
                + " -servername localhost -verify_hostname localhost -CAfile ca.pem").output())
                .contains("Verify return code: 0 (ok)");
    }

    @Test
    void enrollsOverHttp10AndChunkedUploads() {
        makeKeyAndCsr("key.pem", "csr.b64");
        assertThat(enroll("csr.b64", "cert.b64", "--http1.0")).startsWith("200");
        name = "curl-" + UUID.randomUUID();
        makeKeyAndCsr("key2.pem", "csr2.b64");
        assertThat(enroll("csr2.b64", "cert2.b64", "--http1.1 -H 'Transfer-Encoding: chunked'")).startsWith("200");
        verify("cert2.b64", "cert2.pem");
    }

    @Test
    void serverkeygenKeyIsPkcs8AndMatchesTheCertificateForOpenssl() throws Exception {
        makeKeyAndCsr("csr-key.pem", "csr.b64");
        String answer = sh.ok("curl -sS --fail-with-body --cacert ca.pem -u estuser:estpwd -H 'Content-Type: "
                + "application/pkcs10' --data-binary @csr.b64 " + URL + "keygen/serverkeygen -o response.txt"
                + " -w '%{http_code} %{content_type}'");
        assertThat(answer).startsWith("200 multipart/mixed; boundary=");
        Multipart multipart = Multipart.parse(answer.substring(4), Files.readAllBytes(dir.resolve("response.txt")));
        assertThat(multipart.parts()).extracting(part -> part.headers().getFirst()).containsExactly(
                "Content-Type: application/pkcs8", "Content-Type: application/pkcs7-mime; smime-type=certs-only");
        Files.write(dir.resolve("key.b64"), multipart.parts().get(0).content());
        Files.write(dir.resolve("cert.b64"), multipart.parts().get(1).content());

        // pkcs8 reads nothing but a PrivateKeyInfo; pkey is how a device script converts it.
        sh.ok("openssl base64 -d -in key.b64 -out key.der");
        sh.ok("openssl pkcs8 -nocrypt -inform DER -in key.der -out /dev/null");
        sh.ok("openssl pkey -inform DER -in key.der -out key.pem");
        verify("cert.b64", "cert.pem");
        String certificateKey = sh.ok("openssl x509 -in cert.pem -noout -pubkey");
        assertThat(sh.ok("openssl pkey -in key.pem -pubout")).isEqualTo(certificateKey);
        assertThat(sh.ok("openssl pkey -in csr-key.pem -pubout")).isNotEqualTo(certificateKey);
        assertThat(sh.ok("openssl x509 -in cert.pem -noout -subject")).contains("subject=CN = " + name);
    }

    /**
     * The RFC 7030 §4.4.2 encrypted form, opened the way an OpenSSL-based device would: decrypt the EnvelopedData
     * with its TLS key, verify the SignedData against the trust anchor, take the key out of the key package. RSA
     * client keys get key transport, EC client keys key agreement.
     */
    @ParameterizedTest
    @CsvSource({"rsa:2048, keyEncipherment", "ec -pkeyopt ec_paramgen_curve:P-256, keyAgreement"})
    void serverkeygenEncryptedKeyOpensWithOpensslCms(String tlsKey, String keyUsage) throws Exception {
        sh.ok("openssl req -x509 -newkey " + tlsKey + " -nodes -keyout tls-key.pem -out tls.pem -subj /CN=" + name
                + "-tls -days 1 -addext keyUsage=digitalSignature," + keyUsage);
        String ski = sh.ok("openssl x509 -in tls.pem -noout -ext subjectKeyIdentifier").lines().skip(1)
                .findFirst().orElseThrow().strip().replace(":", "");
        // openssl req cannot add an OCTET STRING attribute; the CSR is made in Java, everything else by the tools.
        Files.write(dir.resolve("csr.b64"), Csrs.base64(Csrs.withAttributes(TestKeys.ecP256(), "CN=" + name,
                Csrs.attribute(PKCSObjectIdentifiers.id_aa_asymmDecryptKeyID,
                        new DEROctetString(HexFormat.of().parseHex(ski))))));
        String answer = sh.ok("curl -sS --fail-with-body --cacert ca.pem --cert tls.pem --key tls-key.pem -u "
                + "estuser:estpwd -H 'Content-Type: application/pkcs10' --data-binary @csr.b64 " + URL
                + "keygen/serverkeygen -o response.txt -w '%{content_type}'");
        Multipart multipart = Multipart.parse(answer, Files.readAllBytes(dir.resolve("response.txt")));
        assertThat(multipart.parts().getFirst().headers().getFirst())
                .isEqualTo("Content-Type: application/pkcs7-mime; smime-type=server-generated-key");
        Files.write(dir.resolve("key.b64"), multipart.parts().get(0).content());
        Files.write(dir.resolve("cert.b64"), multipart.parts().get(1).content());

        sh.ok("openssl base64 -d -in key.b64 -out key.p7");
        sh.ok("openssl cms -decrypt -binary -inform DER -in key.p7 -recip tls.pem -inkey tls-key.pem -out signed.der");
        // The signer is the issuing CA itself, whose certificate is no S/MIME signing certificate.
        sh.ok("openssl cms -verify -binary -inform DER -in signed.der -CAfile ca.pem -purpose any -out package.der");
        // The AsymmetricKeyPackage is a SEQUENCE of one PrivateKeyInfo: the key is the rest after the first header.
        String offset = sh.ok("openssl asn1parse -inform DER -in package.der | grep -m1 'd=1'").strip().split(":")[0];
        sh.ok("tail -c +$((" + offset + " + 1)) package.der > key.der");
        sh.ok("openssl pkey -inform DER -in key.der -out key.pem");
        verify("cert.b64", "cert.pem");
        assertThat(sh.ok("openssl pkey -in key.pem -pubout"))
                .isEqualTo(sh.ok("openssl x509 -in cert.pem -noout -pubkey"));
    }

    /** INTEROP 23: a 401 is a challenge with an empty body; curl shows its reason with -i or %header{}. */
    @Test
    void explainsA401InItsReasonHeaderAndSendsNoBody() throws Exception {
        makeKeyAndCsr("key.pem", "csr.b64");
        String result = sh.ok("curl -sS --cacert ca.pem -u estuser:wrong -H 'Content-Type: application/pkcs10' "
                + "--data-binary @csr.b64 " + URL + "simpleenroll -o body -w '%{http_code} %header{x-est-reason}'");
        assertThat(result).isEqualTo("401 bootstrap credentials for user 'estuser' not accepted: unknown user or "
                + "wrong password");
        assertThat(dir.resolve("body")).isEmptyFile();
    }

    @Test
    void explainsOtherRefusalsInPlainText() {
        makeKeyAndCsr("key.pem", "csr.b64");
        Shell.Result result = sh.run("curl -sS --cacert ca.pem -u estuser:estpwd -H 'Content-Type: text/plain' "
                + "--data-binary @csr.b64 " + URL + "simpleenroll -w ' %{http_code}'");
        assertThat(result.stdout()).isEqualTo("Content-Type must be application/pkcs10, got 'text/plain'\n 415");
    }

    /**
     * INTEROP 24 and 25: curl's default over TLS is HTTP/2, where a 413 used to end in RST_STREAM (curl: status 000,
     * PROTOCOL_ERROR); over HTTP/1.1 the connection was closed with the body unread. Either way the 413 and its
     * reason arrive, and the connection carries the next request (curl reuses it: no new connect).
     */
    @ParameterizedTest
    @CsvSource({"--http2, 2", "--http1.1, 1.1"})
    void answersAnOversizedBodyWith413AndKeepsTheConnection(String httpOption, String httpVersion) throws Exception {
        Files.write(dir.resolve("big.b64"), "A".repeat(200_000).getBytes());
        String result = sh.ok("curl -sS " + httpOption + " --cacert ca.pem -u estuser:estpwd -H 'Content-Type: "
                + "application/pkcs10' --data-binary @big.b64 " + URL + "simpleenroll -o refused.txt "
                + "-w '%{http_version} %{http_code} %{num_connects}\n' --next " + httpOption + " --cacert ca.pem "
                + URL + "cacerts -o cacerts.b64 -w '%{http_version} %{http_code} %{num_connects}'");
        assertThat(result).isEqualTo(httpVersion + " 413 1\n" + httpVersion + " 200 0");
        assertThat(Files.readString(dir.resolve("refused.txt"))).isEqualTo("request body too large: at most 65536 "
                + "bytes are accepted, 200000 bytes declared in Content-Length\n");
    }

    /** RFC 7894: openssl req writes the code as the otpChallenge attribute; curl sends no credentials at all. */
    @Test
    void enrollsWithAOneTimeCodeInTheCsrAndNoPassword() throws Exception {
        OneTimeCodes.Issued code = oneTimeCodes.issue(null, name, Duration.ofMinutes(10));
        Files.writeString(dir.resolve("req.cnf"), Shell.requestConfig(name, "1.2.840.113549.1.9.16.2.56", code.code()));
        sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out key.pem");
        sh.ok("openssl req -new -key key.pem -config req.cnf -out csr.pem");
        assertThat(sh.ok("openssl req -in csr.pem -noout -text")).contains("1.2.840.113549.1.9.16.2.56");

        String curl = "curl -sS --cacert ca.pem -H 'Content-Type: application/pkcs10' --data-binary @csr.pem " + URL
                + "simpleenroll -o cert.b64 -w '%{http_code}'";
        assertThat(sh.ok(curl)).isEqualTo("200");
        verify("cert.b64", "cert.pem");
        assertThat(database.count("select count(*) from enrollment_event where device_identity = ? and outcome = "
                + "'ISSUED' and auth_method = 'ONE_TIME_CODE' and principal = ?", name, String.valueOf(code.id())))
                .isEqualTo(1);

        // The same command again: the code is spent.
        assertThat(sh.ok(curl + " -D headers.txt")).isEqualTo("401");
        assertThat(Files.readString(dir.resolve("headers.txt"))).contains("x-est-reason: one-time code " + code.id()
                + " was already used");
    }
}
