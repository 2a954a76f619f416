package dev.estserver.service.support;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import dev.estserver.service.ca.CertificateAuthority;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.ca.DemoPki;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.ca.PemFiles;

/** The service's own demo CA, loaded the way the service loads it, and certificate requests to issue from. */
public final class TestCa {

    private TestCa() {
    }

    /** Generates the demo PKI in {@code dir} (a temp dir) and loads it as the issuing CA. */
    public static IssuingCa demo(Path dir) {
        DemoPki.ensure(dir);
        return IssuingCa.of(PemFiles.readPrivateKey(dir.resolve(DemoPki.CA_KEY)),
                PemFiles.readCertificates(dir.resolve(DemoPki.CA_CERT)));
    }

    public static X509Certificate issue(CertificateAuthority ca, CertificateTemplate template,
            CertificateRequestData request) {
        return x509(ca.issue(template, request, Instant.now()));
    }

    public static X509Certificate x509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a CSR for {@code subject} ("" for none) and these SANs would yield, with a fresh P-256 key. */
    public static CertificateRequestData request(String subject, GeneralName... subjectAltNames) {
        return request(TestKeys.ecP256(), new X500Name(subject), subjectAltNames);
    }

    public static CertificateRequestData request(KeyPair keys, X500Name subject, GeneralName... subjectAltNames) {
        Optional<GeneralNames> names = subjectAltNames.length == 0 ? Optional.empty()
                : Optional.of(new GeneralNames(subjectAltNames));
        return new CertificateRequestData(subject, names,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
    }

    public static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }
}
