package dev.estserver.service.protocol.est.cmc;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.OtherMsg;
import org.bouncycastle.asn1.cmc.PKIData;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.asn1.cmc.TaggedCertificationRequest;
import org.bouncycastle.asn1.cmc.TaggedContentInfo;
import org.bouncycastle.asn1.cmc.TaggedRequest;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.KeyIdentifiers;
import dev.estserver.service.ca.Pkcs10Requests;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * A CMC Full PKI Request (RFC 5272 §3.2): a CMS SignedData whose encapsulated content is a PKIData. Parsing checks
 * the envelope; {@link #verifiedPkcs10()} then checks that the content is within what this server supports and
 * that the signature is the enclosed request's.
 */
public final class FullPkiRequest {

    private final CMSSignedData signedData;
    private final PKIData pkiData;
    private final List<BodyPartID> requestIds;

    private FullPkiRequest(CMSSignedData signedData, PKIData pkiData, List<BodyPartID> requestIds) {
        this.signedData = signedData;
        this.pkiData = pkiData;
        this.requestIds = requestIds;
    }

    /** Refuses as malformed (400) anything that is not a SignedData carrying a PKIData. */
    public static FullPkiRequest parse(ASN1Primitive message) {
        CMSSignedData signedData = signedData(message);
        if (!CMCObjectIdentifiers.id_cct_PKIData.equals(signedData.getSignedContentType())) {
            throw malformed("the SignedData must encapsulate a CMC PKIData (id-cct-PKIData, "
                    + CMCObjectIdentifiers.id_cct_PKIData + "), got content type " + signedData.getSignedContentType());
        }
        CMSTypedData content = signedData.getSignedContent();
        if (content == null || !(content.getContent() instanceof byte[] der)) {
            throw malformed("the SignedData carries no encapsulated PKIData (eContent must be present, as an OCTET "
                    + "STRING)");
        }
        try {
            PKIData pkiData = PKIData.getInstance(der);
            List<BodyPartID> requestIds = Arrays.stream(pkiData.getReqSequence()).map(FullPkiRequest::idOf).toList();
            return new FullPkiRequest(signedData, pkiData, requestIds);
        } catch (RuntimeException e) {
            throw malformed("the encapsulated content is not a CMC PKIData: " + e.getMessage());
        }
    }

    private static CMSSignedData signedData(ASN1Primitive message) {
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(message);
        } catch (RuntimeException e) {
            throw malformed("request body is not a CMS ContentInfo: " + e.getMessage());
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            throw malformed("a Full PKI Request must be a CMS SignedData (" + CMSObjectIdentifiers.signedData
                    + "), got content type " + contentInfo.getContentType());
        }
        try {
            CMSSignedData signedData = new CMSSignedData(contentInfo);
            signedData.getSignerInfos();
            return signedData;
        } catch (CMSException | RuntimeException e) {
            throw malformed("the SignedData cannot be parsed: " + e.getMessage());
        }
    }

    /** The controls to echo in the response, whether or not the request is one this server supports. */
    public TransactionControls transactionControls() {
        return TransactionControls.of(pkiData.getControlSequence());
    }

    /**
     * The one PKCS#10 request, once the SignedData is verified with its key. Content outside the supported subset is
     * an {@link UnsupportedCmcRequest}; a signature that does not verify is malformed (400).
     */
    public TaggedPkcs10 verifiedPkcs10() {
        requireSupportedContent();
        TaggedRequest request = pkiData.getReqSequence()[0];
        BodyPartID id = requestIds.getFirst();
        if (request.getTagNo() != TaggedRequest.TCR) {
            throw new UnsupportedCmcRequest(List.of(id), "body part " + id.getID() + " is a "
                    + (request.getTagNo() == TaggedRequest.CRM ? "CRMF" : "other") + " request; this server takes "
                    + "only PKCS#10 requests (TaggedRequest tcr)");
        }
        PKCS10CertificationRequest csr = pkcs10(id, (TaggedCertificationRequest) request.getValue());
        verifySignature(csr);
        return new TaggedPkcs10(id, csr);
    }

    private void requireSupportedContent() {
        for (TaggedAttribute control : pkiData.getControlSequence()) {
            if (!TransactionControls.TYPES.contains(control.getAttrType())) {
                throw new UnsupportedCmcRequest(List.of(control.getBodyPartID()), "control " + control.getAttrType()
                        + " (body part " + control.getBodyPartID().getID() + ") is not supported; this server accepts "
                        + "only the transactionId and senderNonce controls");
            }
            if (!TransactionControls.isWellFormed(control)) {
                throw new UnsupportedCmcRequest(List.of(control.getBodyPartID()), "control " + control.getAttrType()
                        + " (body part " + control.getBodyPartID().getID() + ") must hold exactly one value: an "
                        + "INTEGER transactionId or an OCTET STRING senderNonce");
            }
        }
        TaggedContentInfo[] cms = pkiData.getCmsSequence();
        OtherMsg[] other = pkiData.getOtherMsgSequence();
        if (cms.length > 0 || other.length > 0) {
            List<BodyPartID> ids = new ArrayList<>();
            Arrays.stream(cms).map(TaggedContentInfo::getBodyPartID).forEach(ids::add);
            Arrays.stream(other).map(OtherMsg::getBodyPartID).forEach(ids::add);
            throw new UnsupportedCmcRequest(ids, "cmsSequence and otherMsgSequence must be empty; got body parts "
                    + describe(ids));
        }
        if (requestIds.size() != 1) {
            throw new UnsupportedCmcRequest(requestIds.isEmpty() ? List.of(new BodyPartID(0)) : requestIds,
                    "a Full PKI Request to this server carries exactly one certification request; got "
                            + requestIds.size() + (requestIds.isEmpty() ? "" : " (body parts " + describe(requestIds)
                                    + ")"));
        }
        requireUniqueIds();
    }

    /** RFC 5272 §3.2.2: identifiers are unique within a PKIData, and 0 designates the PKIData itself. */
    private void requireUniqueIds() {
        Set<Long> seen = new HashSet<>();
        List<BodyPartID> ids = new ArrayList<>(requestIds);
        Arrays.stream(pkiData.getControlSequence()).map(TaggedAttribute::getBodyPartID).forEach(ids::add);
        for (BodyPartID id : ids) {
            if (id.getID() == 0 || !seen.add(id.getID())) {
                throw new UnsupportedCmcRequest(List.of(id), "body part identifier " + id.getID() + " is "
                        + (id.getID() == 0 ? "reserved for the PKIData itself" : "used twice")
                        + "; body part identifiers must be unique and non-zero (RFC 5272 §3.2.2)");
            }
        }
    }

    private static PKCS10CertificationRequest pkcs10(BodyPartID id, TaggedCertificationRequest request) {
        try {
            return Pkcs10Requests.parse(request.getCertificationRequest());
        } catch (RuntimeException e) {
            throw new UnsupportedCmcRequest(List.of(id), "body part " + id.getID()
                    + " is not a PKCS#10 certification request: " + e.getMessage());
        }
    }

    /**
     * RFC 5272 §3.2: a request signed with the key of its own certification request has exactly one SignerInfo,
     * which names that key by subjectKeyIdentifier, the SKI extension of the request. Requests without that
     * extension are accepted when the identifier is the SHA-1 key hash of RFC 5280 §4.2.1.2, which OpenSSL and
     * BouncyCastle compute; either way the signature itself must verify with the request's key.
     */
    private void verifySignature(PKCS10CertificationRequest csr) {
        Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw malformed("the SignedData must have exactly one SignerInfo, made with the key of the PKCS#10 "
                    + "request (RFC 5272 §3.2); got " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        byte[] signerKeyId = signer.getSID().getSubjectKeyIdentifier();
        if (signerKeyId == null) {
            throw malformed("the SignerInfo names its signer by issuer and serial number; this server accepts only "
                    + "Full PKI Requests signed with the key of the PKCS#10 request and naming it by "
                    + "subjectKeyIdentifier (RFC 5272 §3.2)");
        }
        byte[] requestKeyId = keyIdentifier(csr);
        if (!Arrays.equals(signerKeyId, requestKeyId)) {
            throw malformed("the SignerInfo subjectKeyIdentifier " + HexFormat.of().formatHex(signerKeyId)
                    + " does not name the key of the PKCS#10 request (" + HexFormat.of().formatHex(requestKeyId) + ")");
        }
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                    .build(new JcaPKCS10CertificationRequest(csr).setProvider(Crypto.BC).getPublicKey()));
        } catch (CMSException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
            throw malformed("the SignedData signature does not verify with the key of the PKCS#10 request: "
                    + e.getMessage());
        }
        if (!valid) {
            throw malformed("the SignedData signature does not verify with the key of the PKCS#10 request");
        }
    }

    private static byte[] keyIdentifier(PKCS10CertificationRequest csr) {
        return Pkcs10Requests.requestedExtensions(csr).map(SubjectKeyIdentifier::fromExtensions)
                .map(SubjectKeyIdentifier::getKeyIdentifier)
                .orElseGet(() -> KeyIdentifiers.of(csr.getSubjectPublicKeyInfo()));
    }

    /** RFC 5272 §3.2.2: a CRMF request's identifier is its certReqId, that of other requests their first field. */
    private static BodyPartID idOf(TaggedRequest request) {
        return switch (request.getTagNo()) {
            case TaggedRequest.TCR -> ((TaggedCertificationRequest) request.getValue()).getBodyPartID();
            case TaggedRequest.CRM -> BodyPartID.getInstance(
                    ((CertReqMsg) request.getValue()).getCertReq().getCertReqId());
            default -> BodyPartID.getInstance(((ASN1Sequence) request.getValue()).getObjectAt(0));
        };
    }

    private static String describe(List<BodyPartID> ids) {
        return ids.stream().map(id -> Long.toString(id.getID())).collect(Collectors.joining(", "));
    }

    private static RequestRejected malformed(String message) {
        return new RequestRejected(Problem.MALFORMED, message);
    }
}
