package dev.estserver.service.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;

import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;

import dev.estserver.service.ca.PemFiles;
import dev.estserver.service.config.EstConfig;

/**
 * The TLS stack of the HTTPS listener, chosen once at startup ({@link #choose}).
 * <ul>
 * <li><b>BoringSSL</b> (netty-tcnative): the whole handshake (X25519 or P-256 key exchange, the server's signature,
 * the key schedule) and the record protection run in native code. A client certificate chain is still judged by the
 * service's own trust manager, on the JCA providers.</li>
 * <li><b>JDK</b>: the JDK's TLS stack, whose key agreement, signatures and ciphers come from the JCA providers
 * ({@code crypto.CryptoProviders#installForTls}). The only one that exports keying material, which tls-exporter
 * channel binding needs: netty-tcnative offers BoringSSL's exporter to no one.</li>
 * </ul>
 *
 * @param boringSsl   whether the listener runs on BoringSSL
 * @param description what serves the handshakes, with its version where known
 * @param reason      why this stack, for the startup line and the readiness check
 * @param fallback    why {@code auto} could not have BoringSSL although it would have chosen it, {@code null} if not
 */
public record TlsEngine(boolean boringSsl, String description, String reason, String fallback) {

    /**
     * What BoringSSL may negotiate: TLS 1.3's three suites, and for TLS 1.2 only ECDHE (forward secrecy) with AEAD
     * ciphers. Netty's default list adds RSA key exchange and CBC suites, which the JDK's stack no longer offers
     * either; every TLS 1.2 client here (libest and OpenSSL, the JDK, BouncyCastle, Go) offers these.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final String JDK = "JDK (JSSE)";
    /** Of a key store that lives in memory only, long enough for the key manager factory to read it. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    /**
     * The stack {@code choice} asks for. {@code auto} takes BoringSSL only beside the native crypto providers, so
     * that {@code est.crypto.provider=jdk} stays the all-Java baseline, and only when no profile needs channel
     * binding. Refuses {@code boringssl} where it cannot serve, naming why.
     *
     * @param nativeCrypto  whether {@code est.crypto.provider} chose the native providers
     * @param boundProfiles the served profiles with {@code channel-binding=true}
     */
    public static TlsEngine choose(EstConfig.Tls.Engine choice, boolean nativeCrypto, List<String> boundProfiles,
            Supplier<BoringSsl> load) {
        String binding = "profile(s) " + boundProfiles + " require channel binding (est.profiles.<name>"
                + ".channel-binding), whose tls-exporter value only the JDK's TLS stack exports";
        return switch (choice) {
            case JDK -> jdk("est.tls.engine=jdk asks for it", null);
            case BORINGSSL -> {
                if (!boundProfiles.isEmpty()) {
                    throw new IllegalStateException("est.tls.engine=boringssl, but " + binding
                            + "; use est.tls.engine=auto or jdk");
                }
                BoringSsl loaded = load.get();
                if (!loaded.loaded()) {
                    throw new IllegalStateException("est.tls.engine=boringssl, but BoringSSL (netty-tcnative) cannot "
                            + "load here: " + loaded.failure() + "; use est.tls.engine=auto or jdk");
                }
                yield boringSsl(loaded, "est.tls.engine=boringssl asks for it");
            }
            case AUTO -> {
                if (!nativeCrypto) {
                    yield jdk("est.crypto.provider chose the JDK's providers, and auto keeps them all-Java", null);
                }
                if (!boundProfiles.isEmpty()) {
                    yield jdk(binding, null);
                }
                BoringSsl loaded = load.get();
                yield loaded.loaded()
                        ? boringSsl(loaded, "the native crypto providers are in use and no profile requires channel "
                                + "binding")
                        : jdk("BoringSSL (netty-tcnative) cannot load here", loaded.failure());
            }
        };
    }

    private static TlsEngine jdk(String reason, String fallback) {
        return new TlsEngine(false, JDK, reason, fallback);
    }

    private static TlsEngine boringSsl(BoringSsl loaded, String reason) {
        return new TlsEngine(true, loaded.version() + " (netty-tcnative)", reason, null);
    }

    /** {@code boringssl} or {@code jdk}. */
    public String name() {
        return boringSsl ? "boringssl" : "jdk";
    }

    /** Why {@code auto} fell back to the JDK's stack; empty when it did not. */
    public Optional<String> fallbackCause() {
        return Optional.ofNullable(fallback);
    }

    /**
     * The server's chain and key, as this stack takes them best. BoringSSL gets them through Netty's caching key
     * manager factory, which hands BoringSSL the parsed key and chain once; through any other factory Netty encodes
     * them and BoringSSL parses them again in every handshake, a twentieth of the service's CPU per new connection.
     */
    KeyCertOptions keyCertOptions(Path certFile, Path keyFile) throws IOException {
        if (!boringSsl) {
            return new PemKeyCertOptions().setCertValue(Buffer.buffer(Files.readAllBytes(certFile)))
                    .setKeyValue(Buffer.buffer(Files.readAllBytes(keyFile)));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", PemFiles.readPrivateKey(keyFile), IN_MEMORY,
                    PemFiles.readCertificates(certFile).toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return KeyCertOptions.wrap(new OpenSslCachingX509KeyManagerFactory(factory));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hand the TLS server key and chain in " + keyFile + " and "
                    + certFile + " to BoringSSL: " + e.getMessage(), e);
        }
    }

    /** Puts this stack, and for BoringSSL its cipher suites, on the HTTPS listener's options. */
    void configure(HttpServerOptions options) {
        if (boringSsl) {
            options.setSslEngineOptions(new OpenSSLEngineOptions());
            CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        } else {
            options.setSslEngineOptions(new JdkSSLEngineOptions());
        }
    }
}
