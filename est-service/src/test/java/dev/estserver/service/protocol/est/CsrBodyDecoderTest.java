package dev.estserver.service.protocol.est;

import static dev.estserver.service.support.Rejected.assertRejected;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestKeys;

/** RFC 8951: the CSR body arrives in many shapes, and every one that holds a CSR must decode to the same CSR. */
class CsrBodyDecoderTest {

    private static final PKCS10CertificationRequest CSR = Csrs.csr(TestKeys.ecP256(), "CN=decoder-test", "dev.example");
    private static final byte[] DER = Csrs.der(CSR);

    private static void assertDecodesToCsr(byte[] body) throws IOException {
        assertThat(CsrBodyDecoder.decode(body).getEncoded()).isEqualTo(DER);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] pem(String label, String body) {
        return ("-----BEGIN " + label + "-----\n" + body + "-----END " + label + "-----\n").getBytes(US_ASCII);
    }

    private static String base64Lines() {
        return new String(Csrs.base64(CSR, 64, "\n"), US_ASCII);
    }

    @Test
    void acceptsBase64In64ColumnLfLines() throws IOException {
        assertDecodesToCsr(Csrs.base64(CSR, 64, "\n"));
    }

    @Test
    void acceptsBase64In76ColumnCrlfLines() throws IOException {
        assertDecodesToCsr(Csrs.base64(CSR, 76, "\r\n"));
    }

    @Test
    void acceptsBase64OnOneLineWithoutFinalNewline() throws IOException {
        assertDecodesToCsr(Csrs.base64(CSR));
    }

    @Test
    void acceptsBase64OnOneLineWithFinalNewline() throws IOException {
        assertDecodesToCsr(concat(Csrs.base64(CSR), "\n".getBytes(US_ASCII)));
    }

    @Test
    void acceptsWhitespaceAnywhereInBase64() throws IOException {
        String base64 = new String(Csrs.base64(CSR), US_ASCII);
        StringBuilder spaced = new StringBuilder(" \t\r\n");
        for (int i = 0; i < base64.length(); i++) {
            spaced.append(base64.charAt(i)).append(i % 7 == 0 ? " " : i % 11 == 0 ? "\t\r\n" : "");
        }
        assertDecodesToCsr(spaced.append("\n\n ").toString().getBytes(US_ASCII));
    }

    @Test
    void acceptsPemWithCertificateRequestArmour() throws IOException {
        assertDecodesToCsr(Csrs.pem(CSR));
    }

    @Test
    void acceptsPemWithNewCertificateRequestArmour() throws IOException {
        assertDecodesToCsr(pem("NEW CERTIFICATE REQUEST", base64Lines()));
    }

    @Test
    void acceptsRawDer() throws IOException {
        assertDecodesToCsr(DER);
    }

    @Test
    void rejectsEmptyBody() {
        assertRejected(() -> CsrBodyDecoder.decode(new byte[0]), Problem.MALFORMED, "request body is empty");
    }

    @Test
    void rejectsWhitespaceOnlyBodyAsEmpty() {
        assertRejected(() -> CsrBodyDecoder.decode(" \r\n\t".getBytes(US_ASCII)), Problem.MALFORMED,
                "request body is empty");
    }

    @Test
    void rejectsInvalidBase64() {
        // Five characters leave a last unit of one character, which cannot encode a whole byte.
        assertRejected(() -> CsrBodyDecoder.decode("MIIBQ".getBytes(US_ASCII)), Problem.MALFORMED,
                "request body is not valid base64");
    }

    @Test
    void rejectsPemBlockOfAnotherType() {
        assertRejected(() -> CsrBodyDecoder.decode(pem("CERTIFICATE", base64Lines())), Problem.MALFORMED,
                "PEM block is 'CERTIFICATE', expected 'CERTIFICATE REQUEST'");
    }

    @Test
    void rejectsPemWithoutEndLine() {
        byte[] body = ("-----BEGIN CERTIFICATE REQUEST-----\n" + base64Lines()).getBytes(US_ASCII);
        assertRejected(() -> CsrBodyDecoder.decode(body), Problem.MALFORMED,
                "PEM armour has no matching -----END line");
    }

    @Test
    void rejectsTrailingDataAfterTheDer() {
        assertRejected(() -> CsrBodyDecoder.decode(concat(DER, new byte[] {0x05, 0x00})), Problem.MALFORMED,
                "trailing data after the PKCS#10 certification request");
    }

    @Test
    void rejectsTrailingDataInsideTheBase64() {
        byte[] body = Base64.getEncoder().encode(concat(DER, DER));
        assertRejected(() -> CsrBodyDecoder.decode(body), Problem.MALFORMED,
                "trailing data after the PKCS#10 certification request");
    }

    @Test
    void rejectsTruncatedDer() {
        assertRejected(() -> CsrBodyDecoder.decode(Arrays.copyOf(DER, DER.length - 1)), Problem.MALFORMED,
                "request body is not a PKCS#10 certification request");
    }

    @Test
    void rejectsAsn1ThatIsNotACsr() throws IOException {
        byte[] notCsr = new DERSequence(new ASN1Integer(7)).getEncoded(ASN1Encoding.DER);
        assertRejected(() -> CsrBodyDecoder.decode(Base64.getEncoder().encode(notCsr)), Problem.MALFORMED,
                "request body is not a PKCS#10 certification request");
    }

    @Test
    void rejectsAnEmptyAsn1Sequence() {
        assertRejected(() -> CsrBodyDecoder.decode("MAA=".getBytes(US_ASCII)), Problem.MALFORMED,
                "request body is not a PKCS#10 certification request");
    }

    @Test
    void rejectsCsrWhoseAttributesAreNotASet() throws IOException {
        CertificationRequest valid = CSR.toASN1Structure();
        CertificationRequestInfo info = valid.getCertificationRequestInfo();
        // The attributes field must be a constructed [0] SET; BouncyCastle throws IllegalStateException on a primitive.
        ASN1Encodable primitiveAttributes = new DERTaggedObject(false, 0, new DEROctetString(new byte[0]));
        byte[] body = new DERSequence(new ASN1Encodable[] {
                new DERSequence(new ASN1Encodable[] {info.getVersion(), info.getSubject(),
                        info.getSubjectPublicKeyInfo(), primitiveAttributes}),
                valid.getSignatureAlgorithm(), valid.getSignature()}).getEncoded(ASN1Encoding.DER);
        assertRejected(() -> CsrBodyDecoder.decode(body), Problem.MALFORMED,
                "request body is not a PKCS#10 certification request");
    }

    /** Whatever bytes arrive, the decoder answers with a CSR or a 400, never another exception (which is a 500). */
    @Test
    void refusesEveryCorruptionOfAValidCsrWithMalformedOrDecodesIt() {
        java.util.Random random = new java.util.Random(7030);
        for (int i = 0; i < 2000; i++) {
            byte[] body = DER.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            byte[] mutated = random.nextBoolean() ? body : java.util.Arrays.copyOf(body, random.nextInt(body.length));
            try {
                CsrBodyDecoder.decode(mutated);
            } catch (dev.estserver.service.problem.RequestRejected e) {
                assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
            }
        }
    }
}
