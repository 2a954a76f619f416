package dev.estserver.service.protocol.est.cmc;

import java.util.List;

import org.bouncycastle.asn1.cmc.BodyPartID;

/**
 * A well-formed Full PKI Request that asks for more than this server does. It is answered with a CMC failure whose
 * CMCFailInfo is badRequest ("transaction not permitted or supported", RFC 5272 §6.1.4).
 *
 * @see FullPkiRequest#verifiedPkcs10()
 */
public final class UnsupportedCmcRequest extends RuntimeException {

    private final transient List<BodyPartID> bodyList;

    UnsupportedCmcRequest(List<BodyPartID> bodyList, String message) {
        super(message, null, false, false);
        this.bodyList = List.copyOf(bodyList);
    }

    /** The body parts at fault; {@code 0}, the request's PKIData as a whole, when no single one is. */
    public List<BodyPartID> bodyList() {
        return bodyList;
    }
}
