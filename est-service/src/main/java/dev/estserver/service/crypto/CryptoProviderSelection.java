package dev.estserver.service.crypto;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.estserver.service.config.EstConfig;

/**
 * Chooses the service's providers from {@code est.crypto.provider} once, at startup, says in one line what it
 * chose, activates them for CSR checks and CA keys and installs them for TLS.
 */
@ApplicationScoped
public class CryptoProviderSelection {

    private static final Logger LOG = Logger.getLogger(CryptoProviderSelection.class);

    @Produces
    @Singleton
    CryptoProviders providers(EstConfig config) {
        EstConfig.Crypto.Provider choice = config.crypto().provider();
        CryptoProviders chosen = CryptoProviders.choose(choice, NativeProvider::load);
        chosen.fallback().ifPresentOrElse(
                why -> LOG.warnf("Cryptography: the native library cannot load here (%s), so CSR checks, CA "
                        + "signatures and TLS run on the JDK's providers, at a fraction of the speed "
                        + "(est.crypto.provider=auto). Set est.crypto.provider=jdk to choose them and silence this, "
                        + "or native to refuse to start without it.", why),
                () -> LOG.infof("Cryptography: %s for CSR checks, CA signatures and TLS (est.crypto.provider=%s)",
                        chosen.description(), choice.name().toLowerCase(Locale.ROOT)));
        chosen.installForTls();
        return chosen.activate();
    }
}
