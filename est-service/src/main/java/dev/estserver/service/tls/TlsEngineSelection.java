package dev.estserver.service.tls;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.estserver.service.config.EstConfig;
import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.policy.Profiles;

/** Chooses the HTTPS listener's TLS stack from {@code est.tls.engine} once, at startup, and says in one line why. */
@ApplicationScoped
public class TlsEngineSelection {

    private static final Logger LOG = Logger.getLogger(TlsEngineSelection.class);

    @Produces
    @Singleton
    TlsEngine engine(EstConfig config, CryptoProviders crypto, Profiles profiles) {
        EstConfig.Tls.Engine choice = config.tls().engine();
        TlsEngine chosen = TlsEngine.choose(choice, "native".equals(crypto.name()),
                profiles.byLabel().values().stream().filter(Profile::channelBinding).map(Profile::name).distinct()
                        .sorted().toList(),
                BoringSsl::load);
        chosen.fallbackCause().ifPresentOrElse(
                why -> LOG.warnf("TLS: BoringSSL cannot load here (%s), so handshakes run on the JDK's TLS stack, at "
                        + "a fraction of the speed (est.tls.engine=auto). Set est.tls.engine=jdk to choose it and "
                        + "silence this, or boringssl to refuse to start without it.", why),
                () -> LOG.infof("TLS: %s for handshakes and records: %s (est.tls.engine=%s)",
                        chosen.description(), chosen.reason(), choice.name().toLowerCase(Locale.ROOT)));
        return chosen;
    }
}
