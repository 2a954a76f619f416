package dev.estserver.service.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * BouncyCastle's X25519, and nothing else of it, for the JDK's TLS stack. TLS clients (OpenSSL, curl, libest, the
 * JDK) offer an x25519 key share first, so a full handshake's key exchange is X25519; the native provider has none,
 * and SunEC takes twice BouncyCastle's time for it (266 against 122 us for a key pair and an agreement on this
 * machine), a sixth of the service's CPU per new TLS connection. BouncyCastle as a whole is not put in the provider
 * list: it would also answer for key stores, certificate factories and everything else it offers.
 */
final class X25519Provider extends Provider {

    static final String NAME = "BC-X25519";

    private static final List<String> TYPES = List.of("KeyPairGenerator", "KeyFactory", "KeyAgreement");
    private static final List<String> ALGORITHMS = List.of("XDH", "X25519");

    X25519Provider() {
        super(NAME, Crypto.BC.getVersionStr(), "BouncyCastle's X25519 key generation, key factory and agreement");
        for (String type : TYPES) {
            for (String algorithm : ALGORITHMS) {
                Provider.Service service = Crypto.BC.getService(type, algorithm);
                if (service != null) {
                    putService(new Delegating(this, service));
                }
            }
        }
    }

    /** One of BouncyCastle's services, offered under this provider's name. */
    private static final class Delegating extends Provider.Service {

        private final Provider.Service delegate;

        Delegating(Provider provider, Provider.Service delegate) {
            super(provider, delegate.getType(), delegate.getAlgorithm(), delegate.getClassName(), List.of(),
                    Map.of());
            this.delegate = delegate;
        }

        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
            return delegate.newInstance(parameter);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return delegate.supportsParameter(parameter);
        }
    }
}
