package dev.estserver.service.support;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/** Reads base64 certs-only responses the way a client does. */
public final class Pkcs7 {

    private Pkcs7() {
    }

    public static List<X509Certificate> certificates(byte[] base64Body) {
        try {
            CMSSignedData data = new CMSSignedData(Base64.getMimeDecoder().decode(base64Body));
            List<X509Certificate> certs = new ArrayList<>();
            for (X509CertificateHolder holder : data.getCertificates().getMatches(null)) {
                certs.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
            return certs;
        } catch (CMSException | CertificateException e) {
            throw new AssertionError("response is not a PKCS#7 certs-only message: " + e.getMessage(), e);
        }
    }

    public static X509Certificate single(byte[] base64Body) {
        List<X509Certificate> certs = certificates(base64Body);
        if (certs.size() != 1) {
            throw new AssertionError("expected exactly the issued certificate, got " + certs.size());
        }
        return certs.getFirst();
    }
}
