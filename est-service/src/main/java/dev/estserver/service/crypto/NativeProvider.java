package dev.estserver.service.crypto;

import java.security.Provider;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC), or why it cannot serve here: its native library is unpacked to a
 * temporary directory and loaded on first use, which fails on another CPU architecture or where that directory
 * does not allow executables, as in some hardened containers.
 *
 * @param provider the loaded provider, {@code null} when it could not load
 * @param failure  why it could not load, {@code null} when it did
 */
public record NativeProvider(Provider provider, String failure) {

    /** Loads the library once per process (the provider's own static state) and runs its self-tests. */
    public static NativeProvider load() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = accp.getLoadingError();
            if (error != null) {
                return unavailable(error);
            }
            accp.assertHealthy();
            return new NativeProvider(accp, null);
        } catch (RuntimeException | LinkageError e) {
            return unavailable(e);
        }
    }

    static NativeProvider unavailable(Throwable cause) {
        return new NativeProvider(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    public boolean loaded() {
        return provider != null;
    }
}
