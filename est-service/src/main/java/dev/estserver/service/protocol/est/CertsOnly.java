package dev.estserver.service.protocol.est;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A PKCS#7 certs-only message (RFC 5272 Simple PKI Response): a SignedData with no signers and no content,
 * carrying certificates. Encoded as DER, since some clients cannot read indefinite-length BER.
 * <p>
 * The certificates go in as the DER they already are, around a frame that never changes: BouncyCastle's SignedData
 * parsed an issued certificate only to encode it again, 9 µs per {@code /simpleenroll} response (0.5 µs this way),
 * and CertsOnlyTest holds both encodings equal byte for byte.
 */
final class CertsOnly {

    /** ContentInfo.contentType: id-signedData (RFC 5652 §5.1). */
    private static final byte[] SIGNED_DATA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
            0x01, 0x07, 0x02};
    /** SignedData's version 1, no digestAlgorithms, and an encapContentInfo of type id-data without content. */
    private static final byte[] VERSION_DIGESTS_CONTENT = {0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0b, 0x06, 0x09, 0x2a,
            (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01};
    /** SignedData's empty signerInfos. */
    private static final byte[] NO_SIGNERS = {0x31, 0x00};
    private static final int SEQUENCE = 0x30;
    /** [0], constructed: ContentInfo's explicit content, and SignedData's implicit certificates. */
    private static final int CONTEXT_0 = 0xa0;

    private CertsOnly() {
    }

    /** @param certificates each a DER-encoded X.509 certificate */
    static byte[] encode(List<byte[]> certificates) {
        // DER orders the elements of a SET OF by their encodings (X.690 §11.6).
        byte[] certs = tagged(CONTEXT_0, certificates.stream().sorted(Arrays::compareUnsigned).toArray(byte[][]::new));
        byte[] signedData = tagged(SEQUENCE, VERSION_DIGESTS_CONTENT, certs, NO_SIGNERS);
        return tagged(SEQUENCE, SIGNED_DATA, tagged(CONTEXT_0, signedData));
    }

    /** A definite-length DER element (X.690 §8.1.3): the tag, the length of the parts, then the parts. */
    private static byte[] tagged(int tag, byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / Byte.SIZE;
            out.write(0x80 | bytes);
            for (int shift = (bytes - 1) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
                out.write(length >>> shift);
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
