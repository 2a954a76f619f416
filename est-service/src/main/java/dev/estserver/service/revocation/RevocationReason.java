package dev.estserver.service.revocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * RFC 5280 §5.3.1 CRLReason codes an operator may give. Not offered: {@code removeFromCRL} (8), which only delta
 * CRLs use, and {@code certificateHold} (6), which promises a release this service does not offer: every revocation
 * here is final.
 */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The CRLReason value stored in {@code certificate.revocation_reason} and put in CRLs and OCSP responses. */
    public int code() {
        return code;
    }

    /** The name in RFC 5280's ASN.1, as openssl prints it in spirit ({@code keyCompromise}). */
    public String rfcName() {
        return rfcName;
    }

    /**
     * Reads a reason as an operator writes it: the RFC name or the constant name, in any case, with or without
     * dashes or underscores ({@code keyCompromise}, {@code key-compromise}, {@code KEY_COMPROMISE}).
     */
    public static RevocationReason parse(String text) {
        String wanted = normalize(text == null ? "" : text);
        return Arrays.stream(values()).filter(reason -> normalize(reason.rfcName).equals(wanted)).findFirst()
                .orElseThrow(() -> new RequestRejected(Problem.MALFORMED, "revocation reason '" + text
                        + "' is not one of " + Arrays.stream(values()).map(RevocationReason::rfcName)
                                .collect(Collectors.joining(", ")) + " (RFC 5280 CRLReason)"));
    }

    /** How a stored code reads in a message: its RFC name, or the bare code for one set outside this enum. */
    public static String describe(Integer code) {
        if (code == null) {
            return UNSPECIFIED.rfcName;
        }
        return Arrays.stream(values()).filter(reason -> reason.code == code).findFirst()
                .map(RevocationReason::rfcName).orElse("CRLReason " + code);
    }

    private static String normalize(String text) {
        return text.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
