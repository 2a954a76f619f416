package dev.estserver.service.interop;

import static dev.estserver.service.support.CmcRequests.pkcs10;
import static dev.estserver.service.support.CmcRequests.pkiData;
import static dev.estserver.service.support.CmcRequests.transactionId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.bouncycastle.asn1.cmc.TaggedRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.ca.Der;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Shell;

/**
 * {@code /fullcmc} with the real openssl and curl: openssl signs the Full PKI Request (the request key named by
 * subjectKeyIdentifier), curl posts it, and {@code openssl cms -verify} checks the CA's signature on the Full PKI
 * Response. openssl has no command that builds a PKIData, so only that wrapper comes from BouncyCastle.
 */
@QuarkusTest
class FullCmcInteropTest {

    @TempDir
    Path dir;

    private Shell sh;
    private String name;

    @BeforeEach
    void setUp() {
        sh = Shell.withTrustAnchor(dir);
        name = "cmc-" + UUID.randomUUID();
    }

    /** An openssl key and DER CSR for {@code subject} carrying its subjectKeyIdentifier, as RFC 5272 §3.2 asks. */
    private PKCS10CertificationRequest opensslCsr(String keyFile, String subject) throws Exception {
        sh.ok("openssl ecparam -genkey -name prime256v1 -noout -out " + keyFile);
        sh.ok("openssl req -new -key " + keyFile + " -subj /CN=" + subject
                + " -addext subjectKeyIdentifier=hash -outform DER -out " + keyFile + ".csr");
        return new PKCS10CertificationRequest(Files.readAllBytes(dir.resolve(keyFile + ".csr")));
    }

    /**
     * Signs {@code pkidata.der} with openssl: {@code -keyid} names the signer by the subjectKeyIdentifier of a
     * throwaway self-signed certificate for the request key (openssl signs only with a certificate), {@code
     * -nocerts} leaves that certificate out.
     */
    private void opensslSign(String keyFile, TaggedRequest... requests) throws Exception {
        Files.write(dir.resolve("pkidata.der"), Der.encode(pkiData(List.of(transactionId(1, 5272)), requests)));
        sh.ok("openssl req -x509 -new -key " + keyFile + " -subj /CN=signer -days 1 -out signer.pem");
        sh.ok("openssl cms -sign -binary -nodetach -keyid -nocerts -econtent_type 1.3.6.1.5.5.7.12.2 "
                + "-signer signer.pem -inkey " + keyFile + " -in pkidata.der -outform DER "
                + "| openssl base64 > request.b64");
    }

    private String post() {
        return sh.ok("curl -sS --cacert ca.pem -u estuser:estpwd -H 'Content-Type: application/pkcs7-mime; "
                + "smime-type=CMC-request' --data-binary @request.b64 " + EstClient.BASE + "fullcmc -o response.b64 "
                + "-w '%{http_code} %{content_type}'");
    }

    /**
     * Verifies the CA's signature with openssl and returns the primitive values of the encapsulated PKIResponse as
     * asn1parse shows them, in order ("INTEGER :02", "OBJECT :id-cmc-transactionId", ...).
     */
    private List<String> verifiedPkiResponse() {
        sh.ok("openssl base64 -d -in response.b64 -out response.der");
        Shell.Result verify = sh.run("openssl cms -verify -CAfile ca.pem -inform DER -in response.der -binary "
                + "-out pkiresponse.der");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
        return sh.ok("openssl asn1parse -inform DER -in pkiresponse.der").lines()
                .filter(line -> line.contains("prim: "))
                .map(line -> line.substring(line.indexOf("prim: ") + 6).replaceAll(" +:", " :").strip()).toList();
    }

    @Test
    void enrollsOpensslSignedRequestAndOpensslVerifiesTheResponse() throws Exception {
        opensslSign("key.pem", pkcs10(2, opensslCsr("key.pem", name)));

        assertThat(post()).isEqualTo("200 application/pkcs7-mime; smime-type=CMC-response");
        // CMCStatusInfoV2 success for body part 2, then the transactionId 5272 (0x1498) echoed.
        assertThat(verifiedPkiResponse()).containsExactly("INTEGER :01", "OBJECT :1.3.6.1.5.5.7.7.25", "INTEGER :00",
                "INTEGER :02", "INTEGER :02", "OBJECT :id-cmc-transactionId", "INTEGER :1498");

        sh.ok("openssl pkcs7 -inform DER -in response.der -print_certs | awk '/BEGIN CERT/{n++} n{print > (\"cert\" n "
                + "\".pem\")}'");
        sh.ok("for f in cert*.pem; do openssl x509 -in $f -noout -subject | grep -q 'CN = " + name + "$' "
                + "&& cp $f issued.pem; done; test -f issued.pem");
        assertThat(sh.ok("openssl verify -CAfile ca.pem issued.pem")).isEqualTo("issued.pem: OK\n");
        assertThat(sh.ok("openssl x509 -in issued.pem -noout -pubkey"))
                .isEqualTo(sh.ok("openssl pkey -in key.pem -pubout"));
    }

    @Test
    void opensslVerifiesTheSignedFailureOfAnUnsupportedRequest() throws Exception {
        opensslSign("key.pem", pkcs10(2, opensslCsr("key.pem", name)), pkcs10(3, opensslCsr("other.pem", name + "-2")));

        assertThat(post()).isEqualTo("400 application/pkcs7-mime; smime-type=CMC-response");
        // CMCStatusInfoV2 failed for body parts 2 and 3, the reason, failInfo badRequest; the transactionId echoed.
        assertThat(verifiedPkiResponse()).containsExactly("INTEGER :01", "OBJECT :1.3.6.1.5.5.7.7.25", "INTEGER :02",
                "INTEGER :02", "INTEGER :03", "UTF8STRING :a Full PKI Request to this server carries exactly one "
                        + "certification request; got 2 (body parts 2, 3)", "INTEGER :02",
                "INTEGER :02", "OBJECT :id-cmc-transactionId", "INTEGER :1498");
    }
}
