package dev.estserver.service.ca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.estserver.service.crypto.Crypto;

/**
 * Checks a configured chain file at startup. A file in the wrong order, with an expired or non-CA certificate, or
 * without the root that clients bootstrap their trust from, would otherwise surface later and far from its cause: as
 * a key mismatch naming neither file nor rule, as {@code /cacerts} without a trust anchor, or as clients that cannot
 * build a path. The rule for every chain file: the certificate the configured key belongs to first, then each
 * certificate's issuer in turn; each one valid now.
 */
public final class ChainCheck {

    /** Index of keyCertSign in {@link X509Certificate#getKeyUsage()}. */
    private static final int KEY_CERT_SIGN = 5;

    private final ConfiguredFile certFile;
    private final Instant now;

    private ChainCheck(ConfiguredFile certFile, Instant now) {
        this.certFile = certFile;
        this.now = now;
    }

    /**
     * The issuing CA chain of {@code certFile}, checked and ending in a self-signed root: every certificate a CA
     * that may sign certificates, and the root taken from {@code anchorFile} when the file stops short of it, so
     * that {@code /cacerts} carries it.
     */
    public static List<X509Certificate> issuingChain(ConfiguredFile certFile, ConfiguredFile keyFile, PrivateKey key,
            String anchorProperty, Optional<ConfiguredFile> anchorFile, Instant now) {
        ChainCheck check = new ChainCheck(certFile, now);
        List<X509Certificate> chain = check.linked(keyFile, key, "issuing CA");
        IntStream.range(0, chain.size()).forEach(i -> requireCa(certFile, i, chain.get(i)));
        X509Certificate last = chain.getLast();
        if (isSelfIssued(last)) {
            requireSelfSigned(certFile, chain.size() - 1, last);
            return chain;
        }
        ConfiguredFile anchors = anchorFile.orElseThrow(() -> new IllegalStateException(certFile + " ends with "
                + last.getSubjectX500Principal() + ", issued by " + last.getIssuerX500Principal() + ", which is not "
                + "in the file: append that root certificate to the file, or name a PEM file with it in "
                + anchorProperty + "; a chain must end in its self-signed root, the trust anchor /cacerts gives "
                + "clients"));
        List<X509Certificate> completed = new ArrayList<>(chain);
        completed.add(check.root(anchors, last));
        return List.copyOf(completed);
    }

    /** The TLS server chain of {@code certFile}, checked: the server certificate first, then its issuers. */
    public static List<X509Certificate> tlsChain(ConfiguredFile certFile, ConfiguredFile keyFile, PrivateKey key,
            Instant now) {
        return new ChainCheck(certFile, now).linked(keyFile, key, "TLS server certificate");
    }

    /** The certificates of the file: the key's certificate first, each followed by its issuer, all valid now. */
    private List<X509Certificate> linked(ConfiguredFile keyFile, PrivateKey key, String first) {
        List<X509Certificate> chain = certFile.certificates();
        requireKeyOfFirst(chain, keyFile, key, first);
        for (int i = 0; i + 1 < chain.size(); i++) {
            requireIssuedByNext(chain, i, first);
        }
        IntStream.range(0, chain.size()).forEach(i -> requireValid(certFile, i, chain.get(i)));
        return chain;
    }

    private void requireKeyOfFirst(List<X509Certificate> chain, ConfiguredFile keyFile, PrivateKey key,
            String first) {
        if (KeyPairs.belongTogether(key, chain.getFirst().getPublicKey())) {
            return;
        }
        int owner = IntStream.range(1, chain.size())
                .filter(i -> KeyPairs.belongTogether(key, chain.get(i).getPublicKey())).findFirst().orElse(-1);
        if (owner < 0) {
            throw new IllegalStateException("the key in " + keyFile + " belongs to no certificate of " + certFile
                    + ", whose first certificate is " + chain.getFirst().getSubjectX500Principal() + ": configure the "
                    + "key and the certificate of the same " + first);
        }
        throw new IllegalStateException(certFile + ": the first certificate must be the " + first + ", found "
                + chain.getFirst().getSubjectX500Principal() + " first; the key in " + keyFile + " belongs to "
                + at(owner, chain.get(owner)) + ": put that one first, then each issuer in turn up to the root");
    }

    private void requireIssuedByNext(List<X509Certificate> chain, int i, String first) {
        X509Certificate cert = chain.get(i);
        X509Certificate next = chain.get(i + 1);
        if (!cert.getIssuerX500Principal().equals(next.getSubjectX500Principal())) {
            throw new IllegalStateException(certFile + ": " + at(i, cert) + " is issued by "
                    + cert.getIssuerX500Principal() + ", but the next certificate is " + at(i + 1, next)
                    + ": each certificate must be followed by its issuer, the " + first + " first and the root last");
        }
        if (!verifies(cert, next.getPublicKey())) {
            throw new IllegalStateException(certFile + ": the signature of " + at(i, cert) + " does not verify with "
                    + "the key of the next certificate, " + at(i + 1, next) + ", though it names it as issuer: that "
                    + "is another CA of the same name, or the certificate was altered");
        }
    }

    private void requireValid(ConfiguredFile file, int i, X509Certificate cert) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore) || now.isAfter(notAfter)) {
            throw new IllegalStateException(file + ": " + at(i, cert)
                    + (now.isAfter(notAfter) ? " expired on " + notAfter : " is not valid before " + notBefore)
                    + ": every certificate of the chain must be valid now (" + now + ")");
        }
    }

    private static void requireCa(ConfiguredFile file, int i, X509Certificate cert) {
        if (cert.getBasicConstraints() < 0) {
            throw new IllegalStateException(file + ": " + at(i, cert) + " is not a CA certificate (basicConstraints "
                    + "cA is not true): every certificate of an issuing chain must be a CA");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_CERT_SIGN]) {
            throw new IllegalStateException(file + ": " + at(i, cert) + " has a keyUsage without keyCertSign: "
                    + "every certificate of an issuing chain must be allowed to sign certificates");
        }
    }

    private static void requireSelfSigned(ConfiguredFile file, int i, X509Certificate root) {
        if (!verifies(root, root.getPublicKey())) {
            throw new IllegalStateException(file + ": the signature of the root, " + at(i, root) + ", does not "
                    + "verify with its own key: a root must be self-signed");
        }
    }

    /** The root in {@code anchors} that issued {@code last}, checked like the chain it completes. */
    private X509Certificate root(ConfiguredFile anchors, X509Certificate last) {
        List<X509Certificate> candidates = anchors.certificates();
        List<Integer> named = IntStream.range(0, candidates.size()).boxed()
                .filter(i -> candidates.get(i).getSubjectX500Principal().equals(last.getIssuerX500Principal()))
                .toList();
        if (named.isEmpty()) {
            throw new IllegalStateException(anchors + " holds no certificate named " + last.getIssuerX500Principal()
                    + ", the issuer of the last certificate of " + certFile + ", " + last.getSubjectX500Principal()
                    + "; it holds " + candidates.stream().map(X509Certificate::getSubjectX500Principal).toList());
        }
        int i = named.stream().filter(n -> verifies(last, candidates.get(n).getPublicKey())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the signature of the last certificate of " + certFile
                        + ", " + last.getSubjectX500Principal() + ", does not verify with the key of "
                        + at(named.getFirst(), candidates.get(named.getFirst())) + " of " + anchors + ", though it "
                        + "names it as issuer: that is another CA of the same name"));
        X509Certificate root = candidates.get(i);
        if (!isSelfIssued(root)) {
            throw new IllegalStateException(anchors + ": " + at(i, root) + " is issued by "
                    + root.getIssuerX500Principal() + ": a trust anchor must be a self-signed root");
        }
        requireSelfSigned(anchors, i, root);
        requireCa(anchors, i, root);
        requireValid(anchors, i, root);
        return root;
    }

    private static boolean isSelfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static boolean verifies(X509Certificate cert, PublicKey issuerKey) {
        try {
            cert.verify(issuerKey, Crypto.BC);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code certificate 2 (CN=Issuing CA)}: positions count from 1, as an operator counts the blocks of a file. */
    private static String at(int index, X509Certificate cert) {
        return "certificate " + (index + 1) + " (" + cert.getSubjectX500Principal() + ")";
    }
}
