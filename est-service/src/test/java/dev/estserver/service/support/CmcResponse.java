package dev.estserver.service.support;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CMCStatusInfoV2;
import org.bouncycastle.asn1.cmc.PKIResponse;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import dev.estserver.service.crypto.Crypto;

/** A CMC Full PKI Response (RFC 5272 §3.3) read the way a CMC client reads it. */
public record CmcResponse(CMSSignedData signedData, PKIResponse pkiResponse) {

    public static CmcResponse fromBase64(byte[] body) {
        return fromDer(Base64.getMimeDecoder().decode(body));
    }

    public static CmcResponse fromDer(byte[] der) {
        try {
            CMSSignedData signedData = new CMSSignedData(der);
            if (!CMCObjectIdentifiers.id_cct_PKIResponse.equals(signedData.getSignedContentType())) {
                throw new AssertionError("encapsulated content type is " + signedData.getSignedContentType()
                        + ", not id-cct-PKIResponse");
            }
            return new CmcResponse(signedData,
                    PKIResponse.getInstance(signedData.getSignedContent().getContent()));
        } catch (CMSException e) {
            throw new AssertionError("response is not a CMS SignedData: " + e.getMessage(), e);
        }
    }

    /** True when the one SignerInfo verifies with {@code signer}'s key and names that certificate. */
    public boolean isSignedBy(X509Certificate signer) {
        try {
            List<SignerInformation> signers = new ArrayList<>(signedData.getSignerInfos().getSigners());
            return signers.size() == 1 && signers.getFirst().getSID().match(new X509CertificateHolder(
                    signer.getEncoded())) && signers.getFirst().verify(new JcaSimpleSignerInfoVerifierBuilder()
                            .setProvider(Crypto.BC).build(signer));
        } catch (CMSException | OperatorCreationException | CertificateException | IOException e) {
            throw new AssertionError(e);
        }
    }

    public CMCStatusInfoV2 status() {
        return CMCStatusInfoV2.getInstance(control(CMCObjectIdentifiers.id_cmc_statusInfoV2).orElseThrow(
                () -> new AssertionError("no CMCStatusInfoV2 control in the response")));
    }

    public long[] statusBodyList() {
        return Arrays.stream(status().getBodyList()).mapToLong(BodyPartID::getID).toArray();
    }

    /** The single value of the response control of that type. */
    public Optional<ASN1Encodable> control(ASN1ObjectIdentifier type) {
        return Arrays.stream(pkiResponse.getControlSequence().toArray()).map(TaggedAttribute::getInstance)
                .filter(control -> control.getAttrType().equals(type))
                .map(control -> control.getAttrValues().getObjectAt(0)).findFirst();
    }

    public List<X509Certificate> certificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
            try {
                certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
            } catch (CertificateException e) {
                throw new AssertionError(e);
            }
        }
        return certificates;
    }
}
