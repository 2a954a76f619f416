package dev.estserver.service.ca;

import java.net.URI;
import java.net.URISyntaxException;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where relying parties check whether a certificate of one issuing CA is revoked: its CRL and the OCSP responder.
 * Issued certificates name them in CRL Distribution Points and Authority Information Access (RFC 5280 §4.2.1.13,
 * §4.2.2.1).
 */
public record RevocationPointers(String crlUrl, String ocspUrl) {

    /** Paths under the base URL; {@code revocation.CrlResource} and {@code revocation.OcspResource} serve them. */
    public static final String CRL_PATH = "/crl/";
    public static final String CRL_SUFFIX = ".crl";
    public static final String OCSP_PATH = "/ocsp";

    /**
     * @param baseUrl the value of {@code est.revocation.base-url}, checked here because certificates would carry it
     */
    public static RevocationPointers of(String baseUrl, String caName) {
        if (!caName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalStateException("est.cas." + caName + ".*: the CA name becomes part of its CRL URL and "
                    + "may only contain letters, digits, '.', '_' and '-'");
        }
        String base = validBase(baseUrl);
        return new RevocationPointers(base + CRL_PATH + caName + CRL_SUFFIX, base + OCSP_PATH);
    }

    private static String validBase(String baseUrl) {
        String problem;
        try {
            URI uri = new URI(baseUrl.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                problem = "the scheme must be https or http";
            } else if (uri.getHost() == null) {
                problem = "it names no host";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "it must not have a query or fragment";
            } else {
                String text = uri.toString();
                return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            }
        } catch (URISyntaxException e) {
            problem = e.getMessage();
        }
        throw new IllegalStateException("est.revocation.base-url must be an absolute URL such as "
                + "https://est.example.com:8443 (" + problem + "), got '" + baseUrl + "'");
    }

    CRLDistPoint distributionPoints() {
        DistributionPointName name = new DistributionPointName(new GeneralNames(uri(crlUrl)));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)});
    }

    AuthorityInformationAccess authorityInformationAccess() {
        return new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocspUrl)));
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }
}
