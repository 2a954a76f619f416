package dev.estserver.service.protocol.est;

import dev.estserver.service.policy.Profiles;
import dev.estserver.service.problem.Remedy;
import dev.estserver.service.problem.RequestRejected;

/** A refusal as EST words it: what failed, then how to fix it with EST's own operations. */
final class EstRemedies {

    private EstRemedies() {
    }

    static String reason(RequestRejected rejection) {
        return rejection.remedy().map(remedy -> rejection.getMessage() + "; " + words(remedy))
                .orElse(rejection.getMessage());
    }

    private static String words(Remedy remedy) {
        return switch (remedy) {
            case Remedy.RenewOrReset renew -> "renew with " + reenrollPath(renew.label())
                    + " using that certificate, or have an operator reset the device";
            case Remedy.RenewOn renew -> "renew it at " + reenrollPath(renew.label());
            case Remedy.EnrollAfterReset reset -> "enroll again with /simpleenroll after an operator reset";
        };
    }

    private static String reenrollPath(String label) {
        return Profiles.DEFAULT_LABEL.equals(label) ? "/.well-known/est/simplereenroll"
                : "/.well-known/est/" + label + "/simplereenroll";
    }
}
