package dev.estserver.service.protocol.est.cmc;

import static dev.estserver.service.support.CmcRequests.control;
import static dev.estserver.service.support.CmcRequests.pkcs10;
import static dev.estserver.service.support.CmcRequests.pkiData;
import static dev.estserver.service.support.CmcRequests.senderNonce;
import static dev.estserver.service.support.CmcRequests.signed;
import static dev.estserver.service.support.CmcRequests.transactionId;
import static dev.estserver.service.support.Rejected.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.TaggedRequest;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.crmf.CertRequest;
import org.bouncycastle.asn1.crmf.CertTemplateBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.support.CmcRequests;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;

/**
 * RFC 5272 §3.2 Full PKI Requests: the envelope must be a SignedData of a PKIData signed with the enclosed request's
 * key (else 400); the content must be one PKCS#10 request with at most transactionId and senderNonce controls (else
 * a CMC failure naming the body parts at fault).
 */
class FullPkiRequestTest {

    private static final KeyPair KEYS = TestKeys.ecP256();
    private static final PKCS10CertificationRequest CSR = Csrs.csr(KEYS, "CN=cmc-test", "cmc.example");

    private static FullPkiRequest parse(byte[] der) throws IOException {
        return FullPkiRequest.parse(ASN1Primitive.fromByteArray(der));
    }

    private static FullPkiRequest signedRequest(TaggedRequest... requests) throws IOException {
        return parse(signed(pkiData(List.of(), requests), KEYS));
    }

    private static void assertUnsupported(ThrowingCallable call, long[] bodyList, String... messageFragments) {
        assertThatExceptionOfType(UnsupportedCmcRequest.class).isThrownBy(call)
                .withMessageContainingAll(messageFragments)
                .satisfies(e -> assertThat(e.bodyList().stream().mapToLong(BodyPartID::getID).toArray())
                        .containsExactly(bodyList));
    }

    /** A CSR for {@code keys} whose extensionRequest carries a subjectKeyIdentifier of the client's choosing. */
    private static PKCS10CertificationRequest csrWithKeyIdentifier(KeyPair keys, byte[] keyIdentifier)
            throws IOException, OperatorCreationException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier));
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=cmc-ski"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(keys.getPrivate()));
    }

    @Test
    void returnsTheSignedPkcs10WithItsBodyPartId() throws IOException {
        TaggedPkcs10 request = signedRequest(pkcs10(42, CSR)).verifiedPkcs10();
        assertThat(request.bodyPartId().getID()).isEqualTo(42);
        assertThat(request.csr().getEncoded()).isEqualTo(CSR.getEncoded());
    }

    @Test
    void acceptsRequestsSignedWithRsaAndEd25519Keys() throws IOException {
        for (KeyPair keys : List.of(TestKeys.rsa(2048), TestKeys.ed25519())) {
            PKCS10CertificationRequest csr = Csrs.csr(keys, "CN=cmc-" + keys.getPublic().getAlgorithm());
            assertThat(parse(CmcRequests.fullPkiRequest(keys, csr)).verifiedPkcs10().csr().getSubject())
                    .isEqualTo(csr.getSubject());
        }
    }

    @Test
    void acceptsSignerNamedByTheSubjectKeyIdentifierExtensionOfTheCsr() throws Exception {
        byte[] keyId = {1, 2, 3, 4, 5, 6, 7, 8};
        PKCS10CertificationRequest csr = csrWithKeyIdentifier(KEYS, keyId);
        TaggedPkcs10 request = parse(signed(pkiData(List.of(), pkcs10(1, csr)), KEYS, keyId)).verifiedPkcs10();
        assertThat(request.csr().getSubject()).isEqualTo(csr.getSubject());
    }

    @Test
    void rejectsSignerKeyIdentifierOtherThanTheCsrExtension() throws Exception {
        PKCS10CertificationRequest csr = csrWithKeyIdentifier(KEYS, new byte[] {1, 2, 3, 4});
        // The SHA-1 key hash is accepted only when the CSR names no identifier of its own.
        FullPkiRequest request = parse(signed(pkiData(List.of(), pkcs10(1, csr)), KEYS));
        assertRejected(request::verifiedPkcs10, Problem.MALFORMED,
                "subjectKeyIdentifier", "does not name the key of the PKCS#10 request (01020304)");
    }

    @Test
    void rejectsSignatureByAnotherKeyNamedAsTheCsrKey() throws IOException {
        byte[] message = signed(pkiData(List.of(), pkcs10(1, CSR)), TestKeys.ecP256(),
                CmcRequests.keyIdentifier(KEYS.getPublic()));
        assertRejected(parse(message)::verifiedPkcs10, Problem.MALFORMED,
                "the SignedData signature does not verify with the key of the PKCS#10 request");
    }

    @Test
    void rejectsSignatureWithAFlippedBit() throws IOException {
        byte[] message = CmcRequests.fullPkiRequest(KEYS, CSR);
        message[message.length - 5] ^= 0x01;
        assertRejected(parse(message)::verifiedPkcs10, Problem.MALFORMED, "signature does not verify");
    }

    @Test
    void rejectsSignerNamedByIssuerAndSerialNumber() throws IOException {
        var certificate = TestCa.x509(SelfSignedCa.create(new X500Name("CN=cmc-test"), KEYS, Duration.ofDays(1)));
        byte[] message = CmcRequests.signedWithCertificate(pkiData(List.of(), pkcs10(1, CSR)), KEYS, certificate);
        assertRejected(parse(message)::verifiedPkcs10, Problem.MALFORMED,
                "names its signer by issuer and serial number", "subjectKeyIdentifier (RFC 5272 §3.2)");
    }

    @Test
    void rejectsContentInfoThatIsNotSignedData() throws IOException {
        byte[] data = new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(new byte[] {1}))
                .getEncoded(ASN1Encoding.DER);
        assertRejected(() -> parse(data), Problem.MALFORMED,
                "a Full PKI Request must be a CMS SignedData (1.2.840.113549.1.7.2), got content type "
                        + "1.2.840.113549.1.7.1");
    }

    @Test
    void rejectsAsn1ThatIsNotAContentInfo() {
        assertRejected(() -> FullPkiRequest.parse(new ASN1Integer(7)), Problem.MALFORMED,
                "request body is not a CMS ContentInfo");
    }

    @Test
    void rejectsSignedDataOfAnotherContentType() throws IOException, CMSException {
        byte[] certsOnly = new CMSSignedDataGenerator().generate(new CMSAbsentContent()).getEncoded();
        assertRejected(() -> parse(certsOnly), Problem.MALFORMED,
                "must encapsulate a CMC PKIData (id-cct-PKIData, 1.3.6.1.5.5.7.12.2), got content type "
                        + "1.2.840.113549.1.7.1");
    }

    @Test
    void answersTwoRequestsWithTheirBodyParts() throws IOException {
        FullPkiRequest request = signedRequest(pkcs10(1, CSR), pkcs10(2, Csrs.csr(TestKeys.ecP256(), "CN=other")));
        assertUnsupported(request::verifiedPkcs10, new long[] {1, 2},
                "exactly one certification request; got 2 (body parts 1, 2)");
    }

    @Test
    void answersNoRequestWithThePkiDataAsAWhole() throws IOException {
        assertUnsupported(signedRequest()::verifiedPkcs10, new long[] {0}, "exactly one certification request; got 0");
    }

    @Test
    void answersCrmfRequestWithItsCertReqId() throws IOException {
        CertReqMsg crmf = new CertReqMsg(new CertRequest(new ASN1Integer(9), new CertTemplateBuilder()
                .setSubject(new X500Name("CN=crmf")).build(), null), null, null);
        assertUnsupported(signedRequest(new TaggedRequest(crmf))::verifiedPkcs10, new long[] {9},
                "body part 9 is a CRMF request; this server takes only PKCS#10 requests");
    }

    @Test
    void answersUnsupportedControlWithItsBodyPart() throws IOException {
        byte[] message = signed(pkiData(List.of(transactionId(1, 5), control(2,
                CMCObjectIdentifiers.id_cmc_identification, new DERUTF8String("me"))), pkcs10(3, CSR)), KEYS);
        assertUnsupported(parse(message)::verifiedPkcs10, new long[] {2},
                "control " + CMCObjectIdentifiers.id_cmc_identification + " (body part 2) is not supported");
    }

    @Test
    void answersTransactionIdThatIsNotAnIntegerAsUnsupported() throws IOException {
        byte[] message = signed(pkiData(List.of(control(1, CMCObjectIdentifiers.id_cmc_transactionId,
                new DERUTF8String("t-1"))), pkcs10(2, CSR)), KEYS);
        FullPkiRequest request = parse(message);
        assertUnsupported(request::verifiedPkcs10, new long[] {1}, "must hold exactly one value");
        assertThat(request.transactionControls().transactionId()).isEmpty();
    }

    @Test
    void answersDuplicateAndReservedBodyPartIds() throws IOException {
        assertUnsupported(parse(signed(pkiData(List.of(transactionId(1, 5)), pkcs10(1, CSR)), KEYS))::verifiedPkcs10,
                new long[] {1}, "body part identifier 1 is used twice");
        assertUnsupported(signedRequest(pkcs10(0, CSR))::verifiedPkcs10, new long[] {0},
                "body part identifier 0 is reserved for the PKIData itself");
    }

    @Test
    void readsTransactionControlsEvenOfUnsupportedRequests() throws IOException {
        byte[] nonce = {9, 8, 7};
        byte[] message = signed(pkiData(List.of(transactionId(1, 77), senderNonce(2, nonce)), pkcs10(3, CSR),
                pkcs10(4, CSR)), KEYS);
        TransactionControls controls = parse(message).transactionControls();
        assertThat(controls.transactionId()).contains(new ASN1Integer(77));
        assertThat(controls.senderNonce().orElseThrow().getOctets()).isEqualTo(nonce);
    }

    @Test
    void acceptsTransactionIdAndSenderNonceControls() throws IOException {
        byte[] message = signed(pkiData(List.of(transactionId(1, BigInteger.TWO.pow(40).longValue()),
                senderNonce(2, new byte[] {1})), pkcs10(3, CSR)), KEYS);
        assertThat(parse(message).verifiedPkcs10().bodyPartId().getID()).isEqualTo(3);
    }

    /** Whatever bytes arrive, parsing answers with a request, a 400 or a CMC failure, never another exception. */
    @Test
    void answersEveryCorruptionOfAValidRequestWithMalformedOrUnsupported() {
        byte[] valid = signed(pkiData(List.of(transactionId(1, 5)), pkcs10(2, CSR)), KEYS);
        Random random = new Random(5272);
        for (int i = 0; i < 5000; i++) {
            byte[] body = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            byte[] mutated = random.nextBoolean() ? body : Arrays.copyOf(body, random.nextInt(body.length));
            ASN1Primitive message;
            try {
                message = ASN1Primitive.fromByteArray(mutated);
            } catch (IOException | RuntimeException e) {
                message = null;
            }
            if (message == null) {
                continue; // not even ASN.1: the body decoder refuses it before it gets here
            }
            try {
                FullPkiRequest request = FullPkiRequest.parse(message);
                request.transactionControls();
                request.verifiedPkcs10();
            } catch (RequestRejected e) {
                assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
            } catch (UnsupportedCmcRequest e) {
                assertThat(e.bodyList()).isNotEmpty();
            }
        }
    }
}
