package dev.estserver.bench.run;

import java.util.Arrays;
import java.util.Optional;

import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.crypto.NativeProvider;

/**
 * The crypto providers one service run and its crypto limit compute with: the service's
 * {@code est.crypto.provider}, without {@code auto}, whose silent fallback would make an A/B compare the JDK with
 * itself.
 */
public enum ProviderSet {
    NATIVE("native"),
    JDK("jdk");

    private final String id;

    ProviderSet(String id) {
        this.id = id;
    }

    /** As the command line, the service's property and the summary lines name it ({@code provider=native}). */
    public String id() {
        return id;
    }

    /** The providers for this process's crypto limit; fails, saying why, where the native library cannot load. */
    CryptoProviders load() {
        if (this == JDK) {
            return CryptoProviders.jdk();
        }
        NativeProvider loaded = NativeProvider.load();
        if (!loaded.loaded()) {
            throw new BenchFailure("--providers native: the native crypto library (Amazon Corretto Crypto Provider) "
                    + "cannot load here: " + loaded.failure() + "; run --providers jdk");
        }
        return CryptoProviders.nativeWith(loaded.provider());
    }

    static Optional<ProviderSet> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
