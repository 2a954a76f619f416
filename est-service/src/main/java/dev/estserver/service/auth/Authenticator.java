package dev.estserver.service.auth;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Credential;

/** Decides who is calling an EST operation, from the TLS client certificate and the Authorization header. */
@ApplicationScoped
public class Authenticator {

    /** Verified when the username is unknown, so that unknown and known users take the same time. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password");

    private final ClientCertificateTrust trust;

    Authenticator(ClientCertificateTrust trust) {
        this.trust = trust;
    }

    /**
     * {@code /simpleenroll}: a client certificate from an enrollment CA, else HTTP Basic. A 401 always carries the
     * Basic challenge (the exception mapper adds it), because libest and BouncyCastle clients send credentials
     * only after one.
     */
    public Caller forEnrollment(List<X509Certificate> clientChain, Optional<String> authorization) {
        String certificateProblem = null;
        if (!clientChain.isEmpty()) {
            try {
                X509Certificate cert = trust.validateForEnrollment(clientChain);
                return new Caller(AuthMethod.CLIENT_CERTIFICATE, cert.getSubjectX500Principal().getName(),
                        Optional.of(cert));
            } catch (RequestRejected e) {
                certificateProblem = e.getMessage();
            }
        }
        if (authorization.isPresent()) {
            BasicCredentials credentials = BasicCredentials.parse(authorization.get())
                    .orElseThrow(() -> new RequestRejected(Problem.UNAUTHENTICATED,
                            "Authorization header is not HTTP Basic (expected 'Basic base64(username:password)')"));
            return verify(credentials);
        }
        if (certificateProblem != null) {
            throw new RequestRejected(Problem.UNAUTHENTICATED,
                    certificateProblem + "; send HTTP Basic bootstrap credentials instead");
        }
        throw new RequestRejected(Problem.UNAUTHENTICATED, "authentication required: send HTTP Basic bootstrap "
                + "credentials or a TLS client certificate from a trusted manufacturer CA");
    }

    /** {@code /simplereenroll}: only a certificate the label's CA issued (RFC 7030 §4.2.2). */
    public Caller forReenrollment(List<X509Certificate> clientChain, IssuingCa issuingCa) {
        if (clientChain.isEmpty()) {
            throw new RequestRejected(Problem.FORBIDDEN, "re-enrollment requires TLS client authentication with "
                    + "the certificate being renewed; no client certificate was presented");
        }
        X509Certificate cert = trust.validateIssuedBy(issuingCa, clientChain.getFirst());
        return new Caller(AuthMethod.CLIENT_CERTIFICATE, cert.getSubjectX500Principal().getName(), Optional.of(cert));
    }

    private Caller verify(BasicCredentials credentials) {
        // A short transaction of its own: no pooled connection is held while the password hash is computed.
        Optional<Credential> stored = QuarkusTransaction.requiringNew()
                .call(() -> Credential.findBootstrap(credentials.username()));
        boolean passwordMatches = PasswordHasher.verify(credentials.password(),
                stored.map(c -> c.secretHash).orElse(DUMMY_HASH));
        if (stored.isEmpty() || !passwordMatches) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "bootstrap credentials for user '"
                    + credentials.username() + "' not accepted: unknown user or wrong password");
        }
        Credential credential = stored.get();
        Instant now = Instant.now();
        if (credential.revokedAt != null) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "bootstrap credential '" + credentials.username()
                    + "' was revoked at " + credential.revokedAt);
        }
        if (credential.expiresAt != null && now.isAfter(credential.expiresAt)) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "bootstrap credential '" + credentials.username()
                    + "' expired at " + credential.expiresAt);
        }
        return new Caller(AuthMethod.BASIC, credentials.username(), Optional.empty());
    }
}
