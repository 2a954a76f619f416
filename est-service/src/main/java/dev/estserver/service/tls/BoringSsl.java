package dev.estserver.service.tls;

import io.netty.handler.ssl.OpenSsl;

/**
 * BoringSSL as netty-tcnative ships it, or why it cannot serve here: its native library is unpacked to a temporary
 * directory and loaded on first use, which fails on a CPU architecture it was not built for, on a C library other
 * than glibc, or where that directory does not allow executables.
 *
 * @param version what the library calls itself, {@code null} when it could not load
 * @param failure why it could not load, {@code null} when it did
 */
public record BoringSsl(String version, String failure) {

    /** Loads the library once per process (Netty's own static state). */
    public static BoringSsl load() {
        try {
            if (OpenSsl.isAvailable()) {
                return new BoringSsl(OpenSsl.versionString(), null);
            }
            Throwable cause = OpenSsl.unavailabilityCause();
            return new BoringSsl(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (LinkageError e) {
            return new BoringSsl(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    public boolean loaded() {
        return version != null;
    }
}
