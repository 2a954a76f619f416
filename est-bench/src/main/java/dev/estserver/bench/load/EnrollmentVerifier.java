package dev.estserver.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Decides whether a {@code /simpleenroll} response is a successful enrollment of a given request (RFC 7030 §4.2.3):
 * status 200, {@code application/pkcs7-mime}, a base64 certs-only CMS SignedData, and a certificate in it that
 * carries exactly the request's public key and subject. The issued certificate's signature is not checked: the
 * client shares the CPU with the server under test, and a server that signs garbage is not what this measures.
 */
final class EnrollmentVerifier {

    /** Enough of a server's text/plain reason to recognise it in a report. */
    private static final int MAX_REASON = 200;

    private EnrollmentVerifier() {
    }

    static void verify(HttpResponse response, Csr csr) throws EnrollmentFailure {
        if (response.status() != 200) {
            throw new EnrollmentFailure("http-" + response.status(),
                    "expected status 200, got " + response.status() + reason(response));
        }
        String contentType = response.header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/pkcs7-mime")) {
            throw new EnrollmentFailure("content-type",
                    "expected application/pkcs7-mime, got '" + contentType + "'");
        }
        Collection<X509CertificateHolder> certificates = certificates(decodeBase64(response.body()));
        if (certificates.isEmpty()) {
            throw new EnrollmentFailure("no-certificate", "the PKCS#7 response holds no certificate");
        }
        boolean keyIssued = false;
        for (X509CertificateHolder certificate : certificates) {
            if (certificate.getSubjectPublicKeyInfo().equals(csr.publicKey())) {
                if (certificate.getSubject().equals(csr.subject())) {
                    return;
                }
                keyIssued = true;
            }
        }
        throw keyIssued
                ? new EnrollmentFailure("wrong-subject", "expected a certificate for '" + csr.subject()
                        + "', got subject(s) " + subjects(certificates))
                : new EnrollmentFailure("wrong-public-key", "expected a certificate for the key of '"
                        + csr.subject() + "', got certificate(s) for other keys, subject(s) " + subjects(certificates));
    }

    /** RFC 8951 §3.1: line breaks and spaces inside the base64 are to be tolerated. */
    private static byte[] decodeBase64(byte[] body) throws EnrollmentFailure {
        byte[] compact = new byte[body.length];
        int length = 0;
        for (byte b : body) {
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                compact[length++] = b;
            }
        }
        try {
            return Base64.getDecoder().decode(Arrays.copyOf(compact, length));
        } catch (IllegalArgumentException e) {
            throw new EnrollmentFailure("not-base64", "the body is not base64: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<X509CertificateHolder> certificates(byte[] der) throws EnrollmentFailure {
        try {
            return new CMSSignedData(der).getCertificates().getMatches(null);
        } catch (CMSException | RuntimeException e) {
            // BouncyCastle reports some malformed encodings as unchecked parse exceptions.
            throw new EnrollmentFailure("not-pkcs7", "the body is not a CMS SignedData: " + e.getMessage());
        }
    }

    private static String subjects(Collection<X509CertificateHolder> certificates) {
        return certificates.stream().map(c -> "'" + c.getSubject() + "'").toList().toString();
    }

    private static String reason(HttpResponse response) {
        String contentType = response.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("text/plain") || response.body().length == 0) {
            return "";
        }
        String text = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return ": " + (text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...");
    }
}
