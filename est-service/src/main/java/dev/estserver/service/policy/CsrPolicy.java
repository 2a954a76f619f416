package dev.estserver.service.policy;

import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Checks a CSR against a profile: the key and the names first, because they are cheap and keep signature
 * verification off CSRs we would refuse anyway; then proof of possession.
 */
public final class CsrPolicy {

    private CsrPolicy() {
    }

    public static CsrKey check(PKCS10CertificationRequest csr, Profile profile) {
        CsrKey key = CsrKey.of(csr.getSubjectPublicKeyInfo());
        if (profile.allowedKeys().stream().noneMatch(r -> r.accepts(key))) {
            throw new RequestRejected(Problem.MALFORMED, "CSR key not allowed by profile '" + profile.name()
                    + "': found " + key + "; allowed: " + profile.allowedKeys());
        }
        checkNames(CertificateRequestData.of(csr), profile);
        verifyProofOfPossession(csr);
        return key;
    }

    /** The profile's subject and SAN rules, for the names a certificate would be issued with. */
    public static void checkNames(CertificateRequestData request, Profile profile) {
        profile.subject().check(SubjectAttributes.of(request.subject()), request.subject().toString());
        profile.san().check(SubjectAltNameTypes.of(request.subjectAltNames()),
                request.subjectAltNames().map(SubjectAltNames::describe).orElse(""));
    }

    /**
     * The CSR's signature under its own key (RFC 2986 proof of possession), checked with the active providers.
     * Public also for {@code make bench}, which measures this exact code path as the cryptographic limit of an
     * enrollment.
     */
    public static void verifyProofOfPossession(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            ContentVerifierProvider verifier = CryptoProviders.active().verifiers(csr.getSubjectPublicKeyInfo());
            valid = csr.isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new RequestRejected(Problem.MALFORMED, "CSR signature cannot be checked (proof of possession): "
                    + e.getMessage());
        }
        if (!valid) {
            throw new RequestRejected(Problem.MALFORMED,
                    "CSR signature does not verify with the CSR's own public key (proof of possession failed)");
        }
    }
}
