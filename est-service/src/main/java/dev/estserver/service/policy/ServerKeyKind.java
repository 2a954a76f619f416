package dev.estserver.service.policy;

import java.util.Comparator;

import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.KeyRequirement;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Which key {@code /serverkeygen} generates. The CSR's key is never certified (RFC 7030 §4.4.1); when the profile
 * names no key kind, it only says which kind the client wants.
 */
public final class ServerKeyKind {

    private ServerKeyKind() {
    }

    /**
     * The profile's {@code serverkeygen.key}, else the allowed kind that accepts the CSR's key. For RSA that is the
     * largest allowed minimum not above the CSR key's size: the configuration, not the client, bounds how long an
     * RSA key generation may take.
     */
    public static KeyRequirement choose(Profile profile, CsrKey csrKey) {
        return profile.serverKeygen().key().orElseGet(() -> profile.allowedKeys().stream()
                .filter(kind -> kind.accepts(csrKey))
                .max(Comparator.comparingInt(KeyRequirement::minimumBits))
                .orElseThrow(() -> new RequestRejected(Problem.MALFORMED, "serverkeygen generates a key of the kind "
                        + "the CSR's key has, and profile '" + profile.name() + "' does not allow " + csrKey
                        + "; allowed: " + profile.allowedKeys())));
    }
}
