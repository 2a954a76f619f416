package dev.estserver.service.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.estserver.service.crypto.Crypto;

/**
 * Answers OCSP requests (RFC 6960) for the certificates of our issuing CAs, signed by the issuing CA itself
 * (§2.6: no delegated responder certificate to manage). The state of each serial comes from {@link Lookup}, asked
 * afresh for every request, so a revocation shows at once. Problems with the request are answered in OCSP, not in
 * HTTP: {@code malformedRequest}, or {@code unauthorized} for a CA this service does not run.
 */
public final class OcspResponder {

    /** The state of a serial under one of our CAs, as the certificate store has it now. */
    @FunctionalInterface
    public interface Lookup {
        CertificateState find(X500Name issuer, BigInteger serial);
    }

    private static final DigestCalculatorProvider DIGESTS = digests();

    private OcspResponder() {
    }

    /** @return a DER OCSPResponse, whatever the request held */
    public static byte[] respond(byte[] request, Collection<? extends CertificateAuthority> cas, Lookup lookup,
            Instant now) {
        OCSPReq parsed;
        try {
            parsed = new OCSPReq(request);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] requests = parsed.getRequestList();
        if (requests.length == 0) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        // One response has one signer, so every certificate asked about must belong to the same CA of ours.
        Optional<? extends CertificateAuthority> ca = cas.stream()
                .filter(candidate -> candidate.isIssuerOf(requests[0].getCertID())).findFirst();
        for (Req single : requests) {
            if (ca.isEmpty() || !ca.get().isIssuerOf(single.getCertID())) {
                return status(OCSPRespBuilder.UNAUTHORIZED);
            }
        }
        return ca.get().ocspResponse(parsed, lookup, now);
    }

    /** For {@link IssuingCa#ocspResponse}: the state of every certificate {@code request} asks about. */
    static byte[] signed(IssuingCa ca, OCSPReq request, Lookup lookup, Instant now) {
        try {
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(ca.holder().getSubjectPublicKeyInfo(), DIGESTS.get(RespID.HASH_SHA1)));
            for (Req single : request.getRequestList()) {
                CertificateID id = single.getCertID();
                // No nextUpdate (§4.2.2.1): newer information is always available, a revocation shows at once.
                CertificateStatus status = status(lookup.find(ca.subject(), id.getSerialNumber()));
                builder.addResponse(id, status, Date.from(now), (Date) null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                // §4.4.1: the response echoes the request's nonce.
                builder.setResponseExtensions(new Extensions(new Extension(nonce.getExtnId(), false,
                        nonce.getExtnValue())));
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                    ca.signer().contentSigner(), new X509CertificateHolder[] {ca.holder()},
                    Date.from(now))).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the OCSP response: " + e.getMessage(), e);
        }
    }

    /** For {@link IssuingCa#isIssuerOf}: whether {@code id} hashes the name and key of {@code ca}. */
    static boolean names(CertificateID id, IssuingCa ca) {
        try {
            return id.matchesIssuer(ca.holder(), DIGESTS);
        } catch (OCSPException e) {
            return false; // a hash algorithm we cannot compute: not a CA we can vouch for
        }
    }

    private static CertificateStatus status(CertificateState state) {
        return switch (state) {
            case CertificateState.Good good -> CertificateStatus.GOOD;
            case CertificateState.Unknown unknown -> new UnknownStatus();
            case CertificateState.Revoked revoked -> new RevokedStatus(new RevokedInfo(
                    new ASN1GeneralizedTime(Date.from(revoked.entry().revokedAt().truncatedTo(ChronoUnit.SECONDS))),
                    revoked.entry().reason() == RevokedEntry.UNSPECIFIED ? null
                            : CRLReason.lookup(revoked.entry().reason())));
        };
    }

    private static byte[] status(int ocspResponseStatus) {
        try {
            return new OCSPRespBuilder().build(ocspResponseStatus, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
