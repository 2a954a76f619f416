package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.ca.CertificateState;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.context.Caller;
import dev.estserver.service.policy.AuthMethod;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.revocation.CertificateStates;
import dev.estserver.service.revocation.RevocationReason;
import dev.estserver.service.store.Credential;

/**
 * Decides who is calling an EST operation, from the TLS client certificate, the Authorization header or a one-time
 * code in the CSR, within the methods the label's profile accepts.
 */
@ApplicationScoped
public class Authenticator {

    /** Verified when the username is unknown, so that unknown and known users take the same time. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password");

    private final ClientCertificateTrust trust;
    private final OneTimeCodes oneTimeCodes;
    private final CertificateStates certificateStates;
    private final LoginThrottle throttle;
    private final VerifiedPasswords passwords;
    private final BootstrapCredentialCache bootstrapCredentials;
    private final CredentialRestrictions restrictions;

    Authenticator(ClientCertificateTrust trust, OneTimeCodes oneTimeCodes, CertificateStates certificateStates,
            LoginThrottle throttle, VerifiedPasswords passwords,
            BootstrapCredentialCache bootstrapCredentials, CredentialRestrictions restrictions) {
        this.restrictions = restrictions;
        this.passwords = passwords;
        this.bootstrapCredentials = bootstrapCredentials;
        this.trust = trust;
        this.oneTimeCodes = oneTimeCodes;
        this.certificateStates = certificateStates;
        this.throttle = throttle;
    }

    /**
     * An enrollment (EST's {@code /simpleenroll}, {@code /serverkeygen}, {@code /fullcmc}) on {@code label}: one of
     * the methods its profile accepts, tried in this order: a client certificate from an enrollment CA, HTTP Basic, a
     * one-time code (RFC 7894). Presenting credentials of a method the label does not accept is FORBIDDEN, naming the
     * property. Other failures are UNAUTHENTICATED where the label accepts Basic (the protocol adds the Basic
     * challenge, because libest and BouncyCastle clients send credentials only after one). Where it does not, they
     * are FORBIDDEN: every 401 must carry a challenge (RFC 9110 §15.5.2), and one for a scheme the label refuses
     * would only send clients round in circles. Failed Basic credentials and one-time codes count towards the
     * {@link LoginThrottle} limits, which are checked before anything is verified.
     *
     * @param csr the request the credentials are to enroll, which bound credentials must match
     */
    public Caller forEnrollment(String label, Profile profile, Presented presented, PKCS10CertificationRequest csr) {
        Set<AuthMethod> accepted = profile.authMethods();
        String certificateProblem = null;
        Optional<Credentials.ClientChain> chain = presented.find(Credentials.ClientChain.class);
        if (chain.isPresent()) {
            refuseRevoked(chain.get().leaf());
            if (accepted.contains(AuthMethod.CLIENT_CERTIFICATE)) {
                try {
                    return Caller.clientCertificate(trust.validateForEnrollment(chain.get().chain()));
                } catch (RequestRejected e) {
                    certificateProblem = e.getMessage();
                }
            } else {
                certificateProblem = notAccepted(label, profile, AuthMethod.CLIENT_CERTIFICATE,
                        "a TLS client certificate was presented");
            }
        }
        Optional<Credentials.Authorization> authorization = presented.find(Credentials.Authorization.class);
        if (authorization.isPresent()) {
            if (!accepted.contains(AuthMethod.BASIC)) {
                throw new RequestRejected(Problem.FORBIDDEN, notAccepted(label, profile, AuthMethod.BASIC,
                        "HTTP Basic credentials were sent"));
            }
            BasicCredentials credentials = BasicCredentials.parse(authorization.get().header())
                    .orElseThrow(() -> new RequestRejected(Problem.UNAUTHENTICATED,
                            "Authorization header is not HTTP Basic (expected 'Basic base64(username:password)')"));
            return throttle.attempt(presented.clientAddress(), credentials.username(),
                    () -> verify(credentials, label, csr));
        }
        Optional<Credentials.OneTimeCode> code = presented.find(Credentials.OneTimeCode.class);
        if (code.isPresent()) {
            if (!accepted.contains(AuthMethod.ONE_TIME_CODE)) {
                throw new RequestRejected(Problem.FORBIDDEN, notAccepted(label, profile, AuthMethod.ONE_TIME_CODE,
                        "the CSR carries a one-time code (otpChallenge attribute)"));
            }
            try {
                return throttle.attempt(presented.clientAddress(), null,
                        () -> oneTimeCodes.verify(code.get().code(), label, csr));
            } catch (RequestRejected e) {
                throw e.problem() == Problem.UNAUTHENTICATED ? failure(profile, e.getMessage()) : e;
            }
        }
        if (certificateProblem == null) {
            throw failure(profile, "authentication required: send " + describe(accepted));
        }
        Set<AuthMethod> others = EnumSet.copyOf(accepted);
        others.remove(AuthMethod.CLIENT_CERTIFICATE);
        throw failure(profile, others.isEmpty() ? certificateProblem
                : certificateProblem + "; send " + describe(others) + " instead");
    }

    /** A renewal (EST's {@code /simplereenroll}): only a certificate the label's CA issued (RFC 7030 §4.2.2). */
    public Caller forReenrollment(Presented presented, CertificateAuthority issuingCa) {
        Credentials.ClientChain chain = presented.find(Credentials.ClientChain.class).orElseThrow(
                () -> new RequestRejected(Problem.FORBIDDEN, "re-enrollment requires TLS client authentication "
                        + "with the certificate being renewed; no client certificate was presented"));
        refuseRevoked(chain.leaf());
        return Caller.clientCertificate(trust.validateIssuedBy(issuingCa, chain.leaf()));
    }

    /**
     * A certificate we issued and then revoked authenticates nothing: the request is refused even when it carries
     * other credentials, since whoever presents the certificate may be the one it was revoked from.
     */
    private void refuseRevoked(X509Certificate presented) {
        if (QuarkusTransaction.requiringNew().call(() -> certificateStates.of(presented))
                instanceof CertificateState.Revoked revoked) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate serial "
                    + SerialNumbers.toHex(presented.getSerialNumber()) + " was revoked at "
                    + revoked.entry().revokedAt() + " (reason " + RevocationReason.describe(revoked.entry().reason())
                    + "): a revoked certificate cannot be renewed nor authenticate any other EST operation");
        }
    }

    private static RequestRejected failure(Profile profile, String reason) {
        return new RequestRejected(profile.authMethods().contains(AuthMethod.BASIC) ? Problem.UNAUTHENTICATED
                : Problem.FORBIDDEN, reason);
    }

    private static String notAccepted(String label, Profile profile, AuthMethod method, String seen) {
        return seen + ", but label '" + label + "' does not accept " + method.configName() + " (est.profiles."
                + profile.name() + ".auth-methods = " + profile.authMethods().stream().map(AuthMethod::configName)
                        .sorted().collect(Collectors.joining(",")) + ")";
    }

    /** The methods as a client should read them. */
    private static String describe(Set<AuthMethod> methods) {
        List<String> ways = methods.stream().sorted()
                .map(method -> switch (method) {
                    case BASIC -> "HTTP Basic bootstrap credentials";
                    case CLIENT_CERTIFICATE -> "a TLS client certificate from a trusted manufacturer CA";
                    case ONE_TIME_CODE -> "a one-time enrollment code in the CSR's otpChallenge attribute (RFC 7894)";
                    case ADMIN_TOKEN -> throw new IllegalArgumentException("admin tokens never enroll");
                }).toList();
        return ways.size() == 1 ? ways.getFirst()
                : String.join(", ", ways.subList(0, ways.size() - 1)) + " or " + ways.getLast();
    }

    private Caller verify(BasicCredentials credentials, String label, PKCS10CertificationRequest csr) {
        Credential credential = matching(credentials).orElseThrow(() -> new RequestRejected(
                Problem.UNAUTHENTICATED, "bootstrap credentials for user '" + credentials.username()
                        + "' not accepted: unknown user or wrong password"));
        restrictions.require(credential, "bootstrap credential '" + credentials.username() + "'", label,
                csr, Instant.now());
        return Caller.basic(credentials.username(), credential.oneTime ? OptionalLong.of(credential.id)
                : OptionalLong.empty());
    }

    /**
     * The stored credential whose hash the password matches: the cached row when it does, else the row as the
     * database has it now (its secret may have changed since it was cached), which is hashed only when it differs
     * from the one just tried.
     */
    private Optional<Credential> matching(BasicCredentials credentials) {
        Optional<Credential> cached = bootstrapCredentials.cached(credentials.username());
        String triedHash = cached.map(c -> c.secretHash).orElse(null);
        if (triedHash != null && passwords.matches(credentials.password(), triedHash)) {
            return cached;
        }
        // Read before the hash is computed, on a connection that goes back to the pool at once.
        Optional<Credential> stored = bootstrapCredentials.read(credentials.username());
        if (stored.isEmpty()) {
            // Always a full Argon2id computation: through VerifiedPasswords, a client that once sent the dummy's
            // password would make unknown usernames answer faster than known ones.
            PasswordHasher.verify(credentials.password(), DUMMY_HASH);
            return Optional.empty();
        }
        String storedHash = stored.get().secretHash;
        if (storedHash.equals(triedHash)) {
            return Optional.empty();
        }
        return passwords.matches(credentials.password(), storedHash) ? stored : Optional.empty();
    }
}
