package dev.estserver.service.ca;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/** RFC 5280 §5.3.1 CRLReason, by the names the RFC's ASN.1 gives them. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    CERTIFICATE_HOLD(6, "certificateHold"),
    REMOVE_FROM_CRL(8, "removeFromCRL"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"),
    AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    public int code() {
        return code;
    }

    public String rfcName() {
        return rfcName;
    }

    public static RevocationReason ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no CRLReason " + code));
    }

    /**
     * The reason an operator may give for a permanent revocation. certificateHold is refused because a held
     * certificate could be released again, which this server does not offer; removeFromCRL only exists in delta CRLs.
     */
    public static RevocationReason forRevocation(String name) {
        RevocationReason reason = Arrays.stream(values()).filter(r -> r.rfcName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new RequestRejected(Problem.MALFORMED, "revocation reason must be one of the "
                        + "RFC 5280 CRLReason names " + permanent() + ", got '" + name + "'"));
        if (reason == CERTIFICATE_HOLD || reason == REMOVE_FROM_CRL) {
            throw new RequestRejected(Problem.MALFORMED, "revocation reason " + reason.rfcName + " is not offered: "
                    + "revocations here are permanent; use one of " + permanent());
        }
        return reason;
    }

    private static String permanent() {
        return Arrays.stream(values()).filter(r -> r != CERTIFICATE_HOLD && r != REMOVE_FROM_CRL)
                .map(RevocationReason::rfcName).collect(Collectors.joining(", "));
    }
}
