package dev.estserver.service.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Singleton;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.DeviceIdentity;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.policy.AuthMethod;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.policy.Profiles;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Credential;

/**
 * What a stored enrollment credential (a bootstrap password or a one-time code) may still do once its secret
 * matched: not revoked, not used up, not expired, and only on its label and for its device when it names them.
 * <p>
 * Outside demo mode every credential must name its label: one bound to none would enroll on every label, past the
 * profile each label enforces, so such a credential is neither issued nor accepted. Demo mode keeps the convenience
 * of one credential for every label.
 */
@Singleton
public class CredentialRestrictions {

    private final Profiles profiles;
    private final boolean labelRequired;

    CredentialRestrictions(Profiles profiles, EstConfig config) {
        this.profiles = profiles;
        this.labelRequired = !config.demo().enabled();
    }

    /** Whether every credential must be bound to a label (outside demo mode). */
    public boolean labelRequired() {
        return labelRequired;
    }

    /**
     * @param what how messages name the credential, such as {@code bootstrap credential 'line-7'}; never its secret
     * @throws RequestRejected 401 naming the restriction that refused it
     */
    void require(Credential credential, String what, String label, PKCS10CertificationRequest csr, Instant now) {
        if (credential.revokedAt != null) {
            throw refused(what + " was revoked at " + credential.revokedAt);
        }
        if (credential.oneTime && credential.usedAt != null) {
            throw refused(what + " was already used at " + credential.usedAt + "; it enrolls one certificate only");
        }
        if (credential.expiresAt != null && !now.isBefore(credential.expiresAt)) {
            throw refused(what + " expired at " + credential.expiresAt);
        }
        if (credential.label == null && labelRequired) {
            throw refused(what + " is bound to no label, and outside demo mode a credential enrolls only on the "
                    + "label it is bound to; revoke it and issue one with a label");
        }
        if (credential.label != null && !credential.label.equals(label)) {
            throw refused(what + " is for label '" + credential.label + "', not for label '" + label + "'");
        }
        if (credential.deviceIdentity != null) {
            String requested = DeviceIdentity.of(CertificateRequestData.of(csr));
            if (!credential.deviceIdentity.equals(requested)) {
                throw refused(what + " is bound to device '" + credential.deviceIdentity + "', but the CSR names "
                        + "device '" + requested + "'");
            }
        }
    }

    /**
     * Checks what an operator asks to issue: the label exists and accepts {@code method}, the validity is positive,
     * the device identity is absent or not blank.
     *
     * @throws IllegalArgumentException saying which
     */
    void requireIssuable(String what, AuthMethod method, String label, String deviceIdentity, Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException(what + " validity must be positive, got " + validity);
        }
        if (label == null && labelRequired) {
            throw new IllegalArgumentException("a " + what + " must name the label it enrolls on: outside demo mode "
                    + "a credential bound to no label is refused, since it would enroll on every label; this server "
                    + "serves " + served());
        }
        if (label != null) {
            requireServed(label, method);
        }
        if (deviceIdentity != null && deviceIdentity.isBlank()) {
            throw new IllegalArgumentException("device identity of a " + what + " must be absent or non-blank");
        }
    }

    /**
     * @throws IllegalArgumentException when this server does not serve {@code label}, or its profile does not
     *                                  accept {@code method}
     */
    void requireServed(String label, AuthMethod method) {
        Profile profile = profiles.byLabel().get(label);
        if (profile == null) {
            throw new IllegalArgumentException("unknown EST label '" + label + "'; this server serves " + served());
        }
        if (!profile.authMethods().contains(method)) {
            throw new IllegalArgumentException("label '" + label + "' does not accept " + method.configName()
                    + ": est.profiles." + profile.name() + ".auth-methods does not include " + method.configName());
        }
    }

    List<String> served() {
        return profiles.byLabel().keySet().stream().sorted().toList();
    }

    private static RequestRejected refused(String reason) {
        return new RequestRejected(Problem.UNAUTHENTICATED, reason);
    }
}
