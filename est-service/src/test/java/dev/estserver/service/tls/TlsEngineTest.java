package dev.estserver.service.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;

import dev.estserver.service.config.EstConfig.Tls.Engine;

/** Which TLS stack each {@code est.tls.engine} choice gets, and why, on this machine and where BoringSSL is missing. */
class TlsEngineTest {

    private static final Supplier<BoringSsl> MISSING =
            () -> new BoringSsl(null, "UnsatisfiedLinkError: no netty_tcnative_linux_aarch_64 in java.library.path");
    private static final Supplier<BoringSsl> NOT_ASKED = () -> {
        throw new AssertionError("BoringSSL must not be loaded for this choice");
    };

    @Test
    void autoTakesBoringSslBesideTheNativeProvidersWhenNoProfileIsBound() {
        TlsEngine engine = TlsEngine.choose(Engine.AUTO, true, List.of(), BoringSsl::load);

        assertThat(engine.boringSsl()).isTrue();
        assertThat(engine.description()).isEqualTo("BoringSSL (netty-tcnative)");
        assertThat(engine.reason()).isEqualTo("the native crypto providers are in use and no profile requires "
                + "channel binding");
        assertThat(engine.fallbackCause()).isEmpty();
    }

    @Test
    void autoKeepsTheJdkStackForAProfileThatNeedsChannelBinding() {
        TlsEngine engine = TlsEngine.choose(Engine.AUTO, true, List.of("bound", "kiosk"), NOT_ASKED);

        assertThat(engine.name()).isEqualTo("jdk");
        assertThat(engine.reason()).isEqualTo("profile(s) [bound, kiosk] require channel binding "
                + "(est.profiles.<name>.channel-binding), whose tls-exporter value only the JDK's TLS stack exports");
        assertThat(engine.fallbackCause()).isEmpty();
    }

    @Test
    void autoKeepsTheJdkStackBesideTheJdkProviders() {
        TlsEngine engine = TlsEngine.choose(Engine.AUTO, false, List.of(), NOT_ASKED);

        assertThat(engine.name()).isEqualTo("jdk");
        assertThat(engine.reason()).startsWith("est.crypto.provider chose the JDK's providers");
    }

    @Test
    void autoFallsBackToTheJdkStackAndSaysWhyWhereBoringSslCannotLoad() {
        TlsEngine engine = TlsEngine.choose(Engine.AUTO, true, List.of(), MISSING);

        assertThat(engine.name()).isEqualTo("jdk");
        assertThat(engine.fallbackCause()).contains(
                "UnsatisfiedLinkError: no netty_tcnative_linux_aarch_64 in java.library.path");
    }

    @Test
    void boringSslIsRefusedWhereItCannotLoadOrCannotBindChannels() {
        assertThatThrownBy(() -> TlsEngine.choose(Engine.BORINGSSL, true, List.of(), MISSING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("est.tls.engine=boringssl, but BoringSSL (netty-tcnative) cannot load here: "
                        + "UnsatisfiedLinkError: no netty_tcnative_linux_aarch_64 in java.library.path; use "
                        + "est.tls.engine=auto or jdk");
        assertThatThrownBy(() -> TlsEngine.choose(Engine.BORINGSSL, true, List.of("bound"), NOT_ASKED))
                .hasMessageStartingWith("est.tls.engine=boringssl, but profile(s) [bound] require channel binding")
                .hasMessageEndingWith("; use est.tls.engine=auto or jdk");
    }

    @Test
    void explicitChoicesAreHonouredWhateverTheProviders() {
        assertThat(TlsEngine.choose(Engine.BORINGSSL, false, List.of(), BoringSsl::load).boringSsl()).isTrue();
        assertThat(TlsEngine.choose(Engine.JDK, true, List.of(), NOT_ASKED).boringSsl()).isFalse();
    }

    @Test
    void boringSslGetsOnlyForwardSecretAeadSuites() {
        HttpServerOptions options = new HttpServerOptions();
        TlsEngine.choose(Engine.BORINGSSL, true, List.of(), BoringSsl::load).configure(options);

        assertThat(options.getSslEngineOptions()).isInstanceOf(OpenSSLEngineOptions.class);
        assertThat(options.getEnabledCipherSuites()).hasSize(9).allMatch(
                suite -> suite.matches("TLS_(AES|CHACHA20)_.*|TLS_ECDHE_(ECDSA|RSA)_WITH_.*_(GCM|POLY1305)_.*"));

        HttpServerOptions jdk = new HttpServerOptions();
        TlsEngine.choose(Engine.JDK, true, List.of(), NOT_ASKED).configure(jdk);
        assertThat(jdk.getSslEngineOptions()).isInstanceOf(JdkSSLEngineOptions.class);
        assertThat(jdk.getEnabledCipherSuites()).isEmpty();
    }
}
