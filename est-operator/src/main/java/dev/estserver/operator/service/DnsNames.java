package dev.estserver.operator.service;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The DNS names a certificate is issued for, and how a server name is matched against them (RFC 6125 §6.4). */
final class DnsNames {

    /** The dNSName choice of GeneralName, as {@link X509Certificate#getSubjectAlternativeNames()} numbers it. */
    private static final int DNS_NAME = 2;

    private DnsNames() {
    }

    /** The subjectAltName dNSName entries; never the subject's CN, which RFC 6125 leaves to legacy clients. */
    static List<String> of(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(name -> name.getFirst().equals(DNS_NAME)).map(name -> (String) name.get(1))
                .toList();
    }

    /**
     * Compared without regard to case. A wildcard counts only as the whole left-most label of a name with at least two
     * more labels ({@code *.pki.svc}, not {@code *.svc} or {@code e*.pki.svc}), and stands for exactly one label. An
     * IP address, or a server name that itself holds a wildcard, matches no DNS name.
     */
    static boolean matches(String dnsName, String serverName) {
        if (serverName.contains("*") || isIpAddress(serverName)) {
            return false;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        String presented = dnsName.toLowerCase(Locale.ROOT);
        if (!presented.startsWith("*.")) {
            return presented.equals(name);
        }
        String parent = presented.substring(1);
        boolean twoLabelsAfterTheWildcard = parent.indexOf('.', 1) > 0;
        int firstDot = name.indexOf('.');
        return twoLabelsAfterTheWildcard && !parent.contains("*") && firstDot > 0
                && name.substring(firstDot).equals(parent);
    }

    /** IPv4 in dotted form (no DNS top-level name is all digits) or IPv6 (DNS names have no colon). */
    private static boolean isIpAddress(String serverName) {
        return serverName.matches("[0-9.]+") || serverName.contains(":");
    }
}
