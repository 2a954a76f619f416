package dev.estserver.service.enrollment;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.auth.ChannelBinding;
import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CsrKey;
import dev.estserver.service.ca.DeviceIdentity;
import dev.estserver.service.ca.EncryptedKeyPackage;
import dev.estserver.service.ca.KeyPairs;
import dev.estserver.service.ca.KeyRequirement;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.CsrPolicy;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.policy.ServerKeyKind;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * {@code /serverkeygen} (RFC 7030 §4.4): the server generates the key pair and enrolls its public key for the
 * subject and subjectAltName of the CSR, through the same name rules, channel binding, issuance and recording as
 * {@code /simpleenroll}.
 *
 * <p>RFC 7030 §4.4.1 says the server "MUST ignore the public key values and signature in the CSR": they only let
 * clients reuse their CSR code. So the CSR signature is not verified, and its key only tells which kind of key the
 * client wants. The private key is never stored or logged; it leaves this class only inside the response.
 */
@ApplicationScoped
public class ServerKeygenService {

    private final EnrollmentService enrollment;
    private final CertificateAuthorities authorities;

    ServerKeygenService(EnrollmentService enrollment, CertificateAuthorities authorities) {
        this.enrollment = enrollment;
        this.authorities = authorities;
    }

    /**
     * @param clientChain the TLS client certificate chain, to which the key is encrypted when the CSR asks for it
     */
    public ServerGeneratedKey enroll(EnrollmentContext context, Profile profile, PKCS10CertificationRequest csr,
            List<X509Certificate> clientChain) {
        requireEnabled(context, profile);
        CertificateRequestData requested = CertificateRequestData.of(csr);
        context.device(DeviceIdentity.of(requested));
        CsrPolicy.checkNames(requested, profile);
        // The CSR signature is ignored, but its challengePassword still has to be this connection's exporter value:
        // the key goes back on this connection, so a CSR relayed from another one must not obtain it.
        ChannelBinding.require(profile, context.tls(), csr);
        KeyRequirement kind = ServerKeyKind.choose(profile, CsrKey.of(csr.getSubjectPublicKeyInfo()));
        Optional<KeyEncryptionTarget> target = KeyEncryptionTarget.requestedBy(csr, clientChain);

        KeyPair keys = KeyPairs.generate(kind);
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        // Encrypt before anything is committed: a failure must not leave a recorded certificate whose key is lost.
        CertificateAuthority ca = authorities.named(profile.issuingCa());
        byte[] key = target.map(t -> EncryptedKeyPackage.seal(keys.getPrivate(), ca, t.keyIdentifier(),
                        t.certificate().getPublicKey()))
                .orElseGet(() -> KeyPairs.pkcs8(keys.getPrivate()));
        context.note("server-generated key (" + CsrKey.of(publicKey) + "), returned "
                + target.map(t -> "encrypted to key identifier " + t.describe()).orElse("protected by TLS only")
                + "; the private key is not stored");
        IssuedCertificate certificate = enrollment.issue(context, profile, new CertificateRequestData(
                requested.subject(), requested.subjectAltNames(), publicKey), Optional.empty());
        return new ServerGeneratedKey(certificate, key, target.isPresent());
    }

    private static void requireEnabled(EnrollmentContext context, Profile profile) {
        if (!profile.serverKeygen().enabled()) {
            throw new RequestRejected(Problem.FORBIDDEN, "server-side key generation is not enabled for label '"
                    + context.label() + "' (profile '" + profile.name() + "'); an operator can enable it with "
                    + "est.profiles." + profile.name() + ".serverkeygen.enabled=true");
        }
    }
}
