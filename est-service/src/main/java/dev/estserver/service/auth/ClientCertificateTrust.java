package dev.estserver.service.auth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.config.StartupOrder;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.Remedy;
import dev.estserver.service.problem.RequestRejected;

/**
 * Validates TLS client certificates. The TLS layer accepts any chain whose key the client proves to hold; the
 * decision is made here, so that a refused certificate gets an HTTP answer that says why instead of a bare TLS
 * alert. Two trusts, configured separately: manufacturer / IDevID CAs for enrollment, our issuing CA for
 * re-enrollment.
 */
@Singleton
@Startup(StartupOrder.CONFIGURATION)
public class ClientCertificateTrust {

    private final Set<TrustAnchor> enrollmentAnchors;
    private final List<X509Certificate> enrollmentCas;
    private final Set<TrustAnchor> adminAnchors;
    private final List<X509Certificate> adminCas;
    private final List<X509Certificate> issuingChains;

    ClientCertificateTrust(EstConfig config, CertificateAuthorities authorities) {
        this.enrollmentCas = certificates(config.auth().enrollmentTrustFiles());
        this.enrollmentAnchors = anchors(enrollmentCas);
        this.adminCas = certificates(config.admin().clientCaFiles());
        this.adminAnchors = anchors(adminCas);
        this.issuingChains = authorities.byName().values().stream().flatMap(ca -> ca.chain().stream()).toList();
    }

    /** CA names offered in the TLS CertificateRequest, so that clients pick a certificate we can accept. */
    public List<X509Certificate> acceptedIssuers() {
        return Stream.of(enrollmentCas, adminCas, issuingChains).flatMap(List::stream).distinct().toList();
    }

    /** Validates a chain against the enrollment (manufacturer / IDevID) trust anchors. */
    public X509Certificate validateForEnrollment(List<X509Certificate> chain) {
        return validate(chain, enrollmentAnchors, "enrollment", "est.auth.enrollment-trust-files");
    }

    /** Whether admin client certificates are configured at all. */
    public boolean hasAdminCas() {
        return !adminAnchors.isEmpty();
    }

    /** Validates a chain against the admin client CAs. */
    public X509Certificate validateForAdmin(List<X509Certificate> chain) {
        return validate(chain, adminAnchors, "the admin API", "est.admin.client-ca-files");
    }

    private static X509Certificate validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, String purpose,
            String property) {
        X509Certificate leaf = chain.getFirst();
        if (anchors.isEmpty()) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "client certificate " + describe(leaf)
                    + " not accepted for " + purpose + ": no CA is configured for it (" + property + ")");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(Instant.now()));
            List<X509Certificate> path = new ArrayList<>(chain);
            // A client may send its trust anchor too; the path must end below the anchor.
            path.removeIf(cert -> anchors.stream().anyMatch(a -> a.getTrustedCert().equals(cert)));
            if (path.isEmpty()) {
                throw new RequestRejected(Problem.UNAUTHENTICATED, "client certificate " + describe(leaf)
                        + " is itself a trust anchor, not a certificate issued under one");
            }
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), params);
            return leaf;
        } catch (CertPathValidatorException e) {
            throw new RequestRejected(Problem.UNAUTHENTICATED, "client certificate " + describe(leaf)
                    + " not accepted for " + purpose + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<X509Certificate> certificates(Optional<List<Path>> files) {
        return files.orElse(List.of()).stream().flatMap(file -> PemFiles.readCertificates(file).stream()).toList();
    }

    private static Set<TrustAnchor> anchors(List<X509Certificate> cas) {
        Set<TrustAnchor> anchors = new HashSet<>();
        cas.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
        return Set.copyOf(anchors);
    }

    /**
     * Checks that a certificate was issued by the label's CA and is within its validity; whether it is revoked is
     * a question for the database.
     */
    public X509Certificate validateIssuedBy(CertificateAuthority issuingCa, X509Certificate cert) {
        X509Certificate ca = issuingCa.certificate();
        boolean signedByUs;
        try {
            cert.verify(ca.getPublicKey());
            signedByUs = cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            signedByUs = false;
        }
        if (!signedByUs) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate " + describe(cert)
                    + " was not issued by this label's CA (" + ca.getSubjectX500Principal().getName()
                    + "); re-enrollment needs the certificate this server issued");
        }
        Instant now = Instant.now();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate " + describe(cert) + " expired at "
                    + cert.getNotAfter().toInstant(), new Remedy.EnrollAfterReset());
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new RequestRejected(Problem.FORBIDDEN, "client certificate " + describe(cert)
                    + " is not valid before " + cert.getNotBefore().toInstant());
        }
        return cert;
    }

    static String describe(X509Certificate cert) {
        return "'" + cert.getSubjectX500Principal().getName() + "' (serial "
                + SerialNumbers.toHex(cert.getSerialNumber()) + ", issuer '"
                + cert.getIssuerX500Principal().getName() + "')";
    }
}
