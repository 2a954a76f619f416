package dev.estserver.service.protocol.est.cmc;

import org.bouncycastle.asn1.cmc.BodyPartID;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** The PKCS#10 request of a Full PKI Request, with the body part identifier the response must refer to. */
public record TaggedPkcs10(BodyPartID bodyPartId, PKCS10CertificationRequest csr) {
}
