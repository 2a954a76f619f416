package dev.estserver.service.protocol.est;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * A PKCS#7 certs-only message (RFC 5272 Simple PKI Response): a SignedData with no signers and no content,
 * carrying certificates. Encoded as DER, since some clients cannot read indefinite-length BER.
 */
final class CertsOnly {

    private CertsOnly() {
    }

    static byte[] encode(List<Certificate> certificates) {
        ASN1EncodableVector certs = new ASN1EncodableVector();
        certificates.forEach(certs::add);
        SignedData signedData = new SignedData(new DERSet(), new ContentInfo(CMSObjectIdentifiers.data, null),
                new DERSet(certs), null, new DERSet());
        try {
            return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
