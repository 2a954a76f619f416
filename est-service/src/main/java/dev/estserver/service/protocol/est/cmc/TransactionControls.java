package dev.estserver.service.protocol.est.cmc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmc.CMCObjectIdentifiers;
import org.bouncycastle.asn1.cmc.TaggedAttribute;
import org.bouncycastle.asn1.cms.Attribute;

import dev.estserver.service.crypto.Crypto;

/**
 * The controls that tie a response to its request (RFC 5272 §6.6): a transactionId is returned as sent, a
 * senderNonce comes back as recipientNonce next to a fresh senderNonce of ours. Neither changes what is issued.
 */
public record TransactionControls(Optional<ASN1Integer> transactionId, Optional<ASN1OctetString> senderNonce) {

    /** The only controls a request to this server may carry. */
    static final Set<ASN1ObjectIdentifier> TYPES = Set.of(CMCObjectIdentifiers.id_cmc_transactionId,
            CMCObjectIdentifiers.id_cmc_senderNonce);

    private static final int NONCE_BYTES = 16;

    /** The well-formed transaction controls among {@code controls}; the others are not echoed. */
    static TransactionControls of(TaggedAttribute[] controls) {
        Optional<ASN1Integer> transactionId = Optional.empty();
        Optional<ASN1OctetString> senderNonce = Optional.empty();
        for (TaggedAttribute control : controls) {
            if (isWellFormed(control)) {
                ASN1Encodable value = control.getAttrValues().getObjectAt(0);
                if (control.getAttrType().equals(CMCObjectIdentifiers.id_cmc_transactionId)) {
                    transactionId = Optional.of((ASN1Integer) value);
                } else {
                    senderNonce = Optional.of((ASN1OctetString) value);
                }
            }
        }
        return new TransactionControls(transactionId, senderNonce);
    }

    /** A transactionId with one INTEGER, or a senderNonce with one OCTET STRING. */
    static boolean isWellFormed(TaggedAttribute control) {
        if (control.getAttrValues().size() != 1) {
            return false;
        }
        ASN1Encodable value = control.getAttrValues().getObjectAt(0);
        return control.getAttrType().equals(CMCObjectIdentifiers.id_cmc_transactionId)
                ? value instanceof ASN1Integer
                : control.getAttrType().equals(CMCObjectIdentifiers.id_cmc_senderNonce)
                        && value instanceof ASN1OctetString;
    }

    /** The response's controls for this transaction, in the order RFC 5272 §6.6 describes them. */
    List<Attribute> echo() {
        List<Attribute> echo = new ArrayList<>();
        transactionId.ifPresent(id -> echo.add(new Attribute(CMCObjectIdentifiers.id_cmc_transactionId,
                new DERSet(id))));
        senderNonce.ifPresent(nonce -> {
            byte[] ours = new byte[NONCE_BYTES];
            Crypto.RANDOM.nextBytes(ours);
            echo.add(new Attribute(CMCObjectIdentifiers.id_cmc_recipientNonce, new DERSet(nonce)));
            echo.add(new Attribute(CMCObjectIdentifiers.id_cmc_senderNonce, new DERSet(new DEROctetString(ours))));
        });
        return echo;
    }
}
