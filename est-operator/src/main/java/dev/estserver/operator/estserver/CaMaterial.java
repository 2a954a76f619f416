package dev.estserver.operator.estserver;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.estserver.operator.pki.Pem;

/**
 * The issuing CA as read from its Secret.
 *
 * @param secretName the Secret mounted into the service pods
 * @param chain      the CA certificate first, then its chain
 * @param rollover   by Secret key: the next CA (GitOps rotation) and/or the previous one (after the operator rotated a
 *                   generated CA), published beside the current one until clients have moved
 */
public record CaMaterial(String secretName, List<X509Certificate> chain, PrivateKey key,
        Map<String, List<X509Certificate>> rollover) {

    /** Secret keys, in the kubernetes.io/tls convention plus the rotation extras. */
    public static final String CERT_KEY = "tls.crt";
    public static final String PRIVATE_KEY_KEY = "tls.key";
    public static final String NEXT_KEY = "ca-next.crt";
    public static final String PREVIOUS_KEY = "ca-previous.crt";

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The CA certificate's serial number in hex, as openssl prints it. */
    public String serialHex() {
        return certificate().getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /** Every CA certificate a client must trust to accept our certificates: current chain and rollover. */
    public String bundlePem() {
        List<X509Certificate> all = new ArrayList<>(chain);
        rollover.values().forEach(all::addAll);
        return Pem.of(all);
    }
}
