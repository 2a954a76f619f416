package dev.estserver.service.ca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cms.SignerInfoGenerator;

/**
 * One issuing CA, as every protocol sees it: it issues certificates for accepted requests, publishes its chain, and
 * signs its CRLs, OCSP responses and CMS messages. How certificates are built and where the key is kept stay behind
 * this interface; {@link CertificateAuthorities} finds a CA by the name profiles give in {@code issuing-ca}.
 */
public interface CertificateAuthority {

    /** The CA certificate, whose key signs everything this CA issues. */
    X509Certificate certificate();

    /** The subject of the CA certificate: the issuer of its certificates and CRLs. */
    X500Name subject();

    /** The CA certificate first, then its issuers up to the root. */
    List<X509Certificate> chain();

    /** What {@code /cacerts} returns: the chain, then any rollover certificates (RFC 7030 §4.1.3). */
    List<Certificate> cacerts();

    /**
     * Signs a certificate for a request that passed its profile's policy.
     *
     * @param template what the profile (and the device's registration) grants, whatever the request asks for
     * @param now      the issuance time; validity starts a little before it and never outlasts the CA
     */
    X509CertificateHolder issue(CertificateTemplate template, CertificateRequestData request, Instant now);

    /** A complete CRL of this CA (RFC 5280 §5), DER. */
    byte[] signCrl(BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> revoked);

    /** Whether an OCSP request's certificate ID names this CA as issuer (hashes of its name and key). */
    boolean isIssuerOf(CertificateID certificate);

    /**
     * A successful OCSP response (RFC 6960) signed by this CA as its own responder (§2.6), DER.
     *
     * @param request asks only about certificates of this CA ({@link #isIssuerOf})
     */
    byte[] ocspResponse(OCSPReq request, OcspResponder.Lookup lookup, Instant now);

    /** Whether its key is in this process, where a signature made in vain costs nothing ({@link CaSigner}). */
    boolean signsInProcess();

    /** The name of the provider that makes this CA's signatures, as health and metrics report it. */
    String signingProvider();

    /** Signs one CMS SignedData as this CA, naming its certificate; a new one for each message. */
    SignerInfoGenerator cmsSigner();
}
