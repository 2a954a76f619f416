package dev.estserver.operator.service;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a service's certificate when its chain leads to the service's CA bundle and it is issued for a configured DNS
 * name, whatever host the URL names: an operator outside the cluster reaches the service at {@code localhost} through
 * a port-forward, while the certificate names the Service ({@code est.pki.svc}).
 *
 * <p>The JDK verifies the host name in the trust manager: the HttpClient asks every SSLEngine for endpoint
 * identification HTTPS, and JSSE hands an {@link X509ExtendedTrustManager} the engine and checks nothing more itself.
 * So this one validates the chain with the PKIX trust manager's check that takes no connection (path to the bundle,
 * validity, key usage for a TLS server, the JDK's certificate path algorithm restrictions) and then matches the name
 * itself. Host name verification is replaced, never switched off.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager pkix;
    private final String serverName;

    ServerNameTrustManager(X509TrustManager pkix, String serverName) {
        this.pkix = pkix;
        this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        List<String> dnsNames = DnsNames.of(chain[0]);
        if (dnsNames.stream().noneMatch(dnsName -> DnsNames.matches(dnsName, serverName))) {
            throw new CertificateException("est-service's certificate is issued for the DNS names " + dnsNames
                    + ", not for " + serverName + " (est-operator.service-tls-server-name)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the operator only connects to est-service, it accepts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }
}
