package dev.estserver.operator.service;

import java.net.URI;

/**
 * How the operator reaches one est-service.
 *
 * @param httpsBase      EST and admin API, e.g. {@code https://est.pki.svc.cluster.local:8443}
 * @param managementBase health, e.g. {@code http://est.pki.svc.cluster.local:9000}
 * @param adminToken     the bearer token of role admin the operator generated for this server; never logged
 * @param trustPem       PEM certificates that the service's TLS certificate chains to
 */
public record ServiceConnection(URI httpsBase, URI managementBase, String adminToken, String trustPem) {

    @Override
    public String toString() {
        return "ServiceConnection[" + httpsBase + ", " + managementBase + "]";
    }
}
