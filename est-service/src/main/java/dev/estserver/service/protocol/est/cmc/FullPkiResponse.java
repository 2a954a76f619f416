package dev.estserver.service.protocol.est.cmc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCFailInfo;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.CMCStatus;
import org.bouncycastle.asn1.cmc.CMCStatusInfoV2;
import org.bouncycastle.asn1.cmc.CMCStatusInfoV2Builder;
import org.bouncycastle.asn1.cmc.PKIResponse;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

import dev.estserver.service.ca.CertificateAuthority;

/**
 * A CMC Full PKI Response (RFC 5272 §3.3, §4.2): a PKIResponse whose CMCStatusInfoV2 refers to the request's body
 * parts, signed by the issuing CA and DER-encoded, with the issued certificate and the CA chain in
 * SignedData.certificates.
 */
public final class FullPkiResponse {

    private FullPkiResponse() {
    }

    public static byte[] success(CertificateAuthority ca, TransactionControls controls, BodyPartID request,
            Certificate issued) {
        CMCStatusInfoV2 status = new CMCStatusInfoV2Builder(CMCStatus.success, request).build();
        List<Certificate> certificates = new ArrayList<>();
        certificates.add(issued);
        certificates.addAll(chain(ca));
        return signed(ca, status, controls, certificates);
    }

    public static byte[] failure(CertificateAuthority ca, TransactionControls controls, List<BodyPartID> bodyList,
            CMCFailInfo failInfo, String reason) {
        CMCStatusInfoV2 status = new CMCStatusInfoV2Builder(CMCStatus.failed, bodyList.toArray(BodyPartID[]::new))
                .setOtherInfo(failInfo).setStatusString(reason).build();
        return signed(ca, status, controls, chain(ca));
    }

    /** The CA chain, which {@code cacerts} starts with: clients need it to verify the response signature. */
    private static List<Certificate> chain(CertificateAuthority ca) {
        return ca.cacerts().subList(0, ca.chain().size());
    }

    private static byte[] signed(CertificateAuthority ca, CMCStatusInfoV2 status, TransactionControls controls,
            List<Certificate> certificates) {
        List<TaggedAttribute> responseControls = new ArrayList<>();
        responseControls.add(new TaggedAttribute(new BodyPartID(1), CMCObjectIdentifiers.id_cmc_statusInfoV2,
                new DERSet(status)));
        for (Attribute echo : controls.echo()) {
            responseControls.add(new TaggedAttribute(new BodyPartID(responseControls.size() + 1L),
                    echo.getAttrType(), echo.getAttrValues()));
        }
        PKIResponse response = new PKIResponse(responseControls.toArray(TaggedAttribute[]::new),
                PKIResponse.EMPTY_CMS_SEQUENCE, PKIResponse.EMPTY_OTHER_MSG);
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(ca.cmsSigner());
            generator.addCertificates(new CollectionStore<>(certificates.stream().map(X509CertificateHolder::new)
                    .toList()));
            return generator.generate(new CMSProcessableByteArray(CMCObjectIdentifiers.id_cct_PKIResponse,
                    response.getEncoded(ASN1Encoding.DER)), true).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new IllegalStateException("cannot sign the CMC response: " + e.getMessage(), e);
        }
    }
}
