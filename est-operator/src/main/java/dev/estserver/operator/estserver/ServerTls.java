package dev.estserver.operator.estserver;

import java.util.Optional;

/**
 * The service's HTTPS certificate.
 *
 * @param secretName the kubernetes.io/tls Secret mounted into the pods
 * @param extraTrust PEM of the CA behind a user-supplied server certificate ({@code ca.crt}), when that is not our
 *                   issuing CA; clients must trust it too, so it joins the CA bundle
 */
public record ServerTls(String secretName, Optional<String> extraTrust) {
}
