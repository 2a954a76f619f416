package dev.estserver.service.auth;

import java.nio.charset.Charset;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.Pkcs10Requests;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The single-valued string attributes a CSR uses to carry a secret or a binding: PKCS#9 challengePassword
 * (DirectoryString, RFC 2985 §5.4.1) and the RFC 7894 otpChallenge (UTF8String). Any DirectoryString choice is
 * read, because clients pick the string type from their library's defaults (OpenSSL writes PrintableString or
 * UTF8String depending on its string mask).
 */
public final class ChallengeAttributes {

    /** id-aa-otpChallenge, 1.2.840.113549.1.9.16.2.56 (RFC 7894 §3). */
    static final ASN1ObjectIdentifier OTP_CHALLENGE = PKCSObjectIdentifiers.id_aa_otpChallenge;

    private ChallengeAttributes() {
    }

    static Optional<String> challengePassword(PKCS10CertificationRequest csr) {
        return single(csr, PKCSObjectIdentifiers.pkcs_9_at_challengePassword, "challengePassword");
    }

    public static Optional<String> otpChallenge(PKCS10CertificationRequest csr) {
        return single(csr, OTP_CHALLENGE, "otpChallenge");
    }

    /** Both attributes are SINGLE VALUE. */
    private static Optional<String> single(PKCS10CertificationRequest csr, ASN1ObjectIdentifier type, String name) {
        return Pkcs10Requests.singleValue(csr, type, name).map(value -> text(value, name));
    }

    private static String text(ASN1Encodable value, String name) {
        return switch (value) {
            case ASN1UTF8String s -> s.getString();
            case ASN1PrintableString s -> s.getString();
            case ASN1BMPString s -> s.getString();
            case ASN1T61String s -> s.getString();
            // BouncyCastle renders a UniversalString as "#hex"; its content is UCS-4, that is UTF-32BE.
            case ASN1UniversalString s -> new String(s.getOctets(), Charset.forName("UTF-32BE"));
            default -> throw new RequestRejected(Problem.MALFORMED, "CSR " + name + " attribute must be a "
                    + "DirectoryString (UTF8String, PrintableString, BMPString, TeletexString or UniversalString), got "
                    + value.toASN1Primitive().getClass().getSimpleName());
        };
    }
}
