package dev.estserver.service.protocol.est.cmc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCFailInfo;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CMCStatus;
import org.bouncycastle.asn1.cmc.CMCStatusInfoV2;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.CertificateIssuer;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.support.CmcResponse;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

/** RFC 5272 §3.3 Full PKI Responses: a PKIResponse signed by the issuing CA, certificates beside it. */
class FullPkiResponseTest {

    private static final KeyPair CA_KEYS = TestKeys.ecP256();
    private static final IssuingCa CA = IssuingCa.of(CA_KEYS.getPrivate(), List.of(TestCa.x509(
            SelfSignedCa.create(new X500Name("CN=CMC Test CA"), CA_KEYS, Duration.ofDays(1)))));
    private static final TransactionControls NO_CONTROLS = new TransactionControls(Optional.empty(),
            Optional.empty());

    private static Certificate issue() {
        return Certificate.getInstance(CertificateIssuer.der(CA.issue(TestProfiles.defaults(),
                TestCa.request("CN=cmc-device"), Instant.now())));
    }

    @Test
    void successIsSignedByTheCaAndCarriesTheCertificateAndTheChain() throws Exception {
        Certificate issued = issue();
        CmcResponse response = CmcResponse.fromDer(FullPkiResponse.success(CA, NO_CONTROLS, new BodyPartID(7), issued));

        assertThat(response.isSignedBy(CA.certificate())).isTrue();
        CMCStatusInfoV2 status = response.status();
        assertThat(status.getCMCStatus()).isEqualTo(CMCStatus.success);
        assertThat(response.statusBodyList()).containsExactly(7);
        assertThat(status.hasOtherInfo()).isFalse();
        assertThat(response.certificates()).extracting(c -> Certificate.getInstance(c.getEncoded()))
                .containsExactlyInAnyOrder(issued, Certificate.getInstance(CA.certificate().getEncoded()));
    }

    @Test
    void failureCarriesFailInfoReasonAndTheBodyPartsAtFault() {
        CmcResponse response = CmcResponse.fromDer(FullPkiResponse.failure(CA, NO_CONTROLS,
                List.of(new BodyPartID(1), new BodyPartID(2)), CMCFailInfo.badRequest, "two requests"));

        assertThat(response.isSignedBy(CA.certificate())).isTrue();
        CMCStatusInfoV2 status = response.status();
        assertThat(status.getCMCStatus()).isEqualTo(CMCStatus.failed);
        assertThat(response.statusBodyList()).containsExactly(1, 2);
        assertThat(status.getStatusStringUTF8().getString()).isEqualTo("two requests");
        assertThat(status.getOtherStatusInfo().isFailInfo()).isTrue();
        assertThat(CMCFailInfo.getInstance(status.getOtherStatusInfo().toASN1Primitive()))
                .isEqualTo(CMCFailInfo.badRequest);
        assertThat(response.certificates()).hasSize(1);
    }

    @Test
    void echoesTransactionIdAndReturnsSenderNonceAsRecipientNonceWithAFreshOne() {
        ASN1OctetString theirs = new DEROctetString(new byte[] {1, 2, 3});
        TransactionControls controls = new TransactionControls(Optional.of(new ASN1Integer(4711)),
                Optional.of(theirs));
        CmcResponse response = CmcResponse.fromDer(FullPkiResponse.success(CA, controls, new BodyPartID(1), issue()));

        assertThat(response.control(CMCObjectIdentifiers.id_cmc_transactionId)).contains(new ASN1Integer(4711));
        assertThat(response.control(CMCObjectIdentifiers.id_cmc_recipientNonce)).contains(theirs);
        ASN1OctetString ours = ASN1OctetString.getInstance(
                response.control(CMCObjectIdentifiers.id_cmc_senderNonce).orElseThrow());
        assertThat(ours.getOctets()).hasSize(16).isNotEqualTo(theirs.getOctets());
    }

    @Test
    void echoesNothingWhenTheRequestHadNoTransactionControls() {
        CmcResponse response = CmcResponse.fromDer(FullPkiResponse.success(CA, NO_CONTROLS, new BodyPartID(1),
                issue()));
        assertThat(response.pkiResponse().getControlSequence().size()).isEqualTo(1);
    }

    /** Some clients cannot read indefinite-length BER (INTEROP 13). */
    @Test
    void isDer() throws IOException {
        byte[] der = FullPkiResponse.success(CA, NO_CONTROLS, new BodyPartID(1), issue());
        assertThat(ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER)).isEqualTo(der);
    }
}
