package dev.estserver.service.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * Builds a complete CRL of one issuing CA (RFC 5280 §5), signed by its {@link CaSigner}, for
 * {@link IssuingCa#signCrl}. Pure: the number and times are passed in.
 */
final class CrlSigner {

    private CrlSigner() {
    }

    /** @return the DER encoding */
    static byte[] sign(IssuingCa ca, BigInteger crlNumber, Instant thisUpdate, Instant nextUpdate,
            List<RevokedEntry> revoked) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.subject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        // BouncyCastle adds the reasonCode entry extension only for reasons other than unspecified (0).
        revoked.forEach(entry -> builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reason()));
        try {
            // Both are required in conforming CRLs (RFC 5280 §5.2.1, §5.2.3).
            builder.addExtension(Extension.authorityKeyIdentifier, false, ca.authorityKeyIdentifier());
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            return builder.build(ca.signer().contentSigner()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL: " + e.getMessage(), e);
        }
    }
}
