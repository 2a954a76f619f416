package dev.estserver.service.auth;

import java.security.MessageDigest;
import java.util.Base64;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLSession;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * RFC 7030 §3.5 channel binding with the tls-exporter type of RFC 9266: on a profile with
 * {@code channel-binding=true}, the CSR's challengePassword must be the base64 of the keying material exported from
 * the TLS connection that carries the request (label {@code EXPORTER-Channel-Binding}, empty context, 32 bytes).
 * The CSR signature covers the attribute, so a CSR made on one connection cannot be relayed on another one, as a man
 * in the middle holding a stolen bootstrap credential would need to. On other profiles a challengePassword is left
 * alone: it is neither checked nor copied into the certificate.
 *
 * <p>tls-unique (RFC 5929, what libest sends under TLS 1.2) is not offered: the JDK does not expose the TLS Finished
 * message it is made of.
 */
public final class ChannelBinding {

    static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";
    static final int EXPORTER_LENGTH = 32;
    /**
     * RFC 9266 §2 asks for an empty context. Under TLS 1.2 (RFC 5705) an empty context and no context give different
     * values, so this must not be null.
     */
    private static final byte[] EMPTY_CONTEXT = new byte[0];

    private ChannelBinding() {
    }

    /** Refuses (403) a CSR whose challengePassword is not the tls-exporter value of {@code tls}. */
    public static void require(Profile profile, SSLSession tls, PKCS10CertificationRequest csr) {
        if (!profile.channelBinding()) {
            return;
        }
        String required = "profile '" + profile.name() + "' requires channel binding (est.profiles." + profile.name()
                + ".channel-binding)";
        String presented = ChallengeAttributes.challengePassword(csr).orElseThrow(() -> new RequestRejected(
                Problem.FORBIDDEN, required + " but the CSR has no challengePassword attribute; put the base64 "
                        + "tls-exporter value of this TLS connection in it (RFC 9266: label " + EXPORTER_LABEL
                        + ", empty context, " + EXPORTER_LENGTH + " bytes)"));
        byte[] expected = exporter(tls, required);
        byte[] seen;
        try {
            seen = Base64.getDecoder().decode(presented.strip());
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.FORBIDDEN, required + " but the CSR's challengePassword is not base64 ("
                    + presented.length() + " characters); it must be the base64 tls-exporter value of this TLS "
                    + "connection");
        }
        // Constant time for values of the expected length; the length itself is public.
        if (!MessageDigest.isEqual(expected, seen)) {
            throw new RequestRejected(Problem.FORBIDDEN, required + " but the CSR's challengePassword does not match "
                    + "the tls-exporter value of this TLS connection (" + seen.length + " bytes presented, "
                    + EXPORTER_LENGTH + " expected); the CSR must be made for the connection that sends it, and TLS "
                    + "must end at this server, not at a proxy");
        }
    }

    private static byte[] exporter(SSLSession tls, String required) {
        if (!(tls instanceof ExtendedSSLSession session)) {
            throw new IllegalStateException("channel binding needs the JDK's ExtendedSSLSession, got "
                    + (tls == null ? "no TLS session" : tls.getClass().getName()));
        }
        try {
            return session.exportKeyingMaterialData(EXPORTER_LABEL, EMPTY_CONTEXT, EXPORTER_LENGTH);
        } catch (SSLKeyException e) {
            if (!"TLSv1.2".equals(session.getProtocol())) {
                throw new IllegalStateException("cannot export keying material from a " + session.getProtocol()
                        + " session", e);
            }
            // The JDK follows RFC 7627 §5.4: no exporter without extended master secret. RFC 9266 §3 says the same.
            throw new RequestRejected(Problem.FORBIDDEN, required + " but this TLS 1.2 connection was negotiated "
                    + "without the extended master secret extension (RFC 7627), so it has no tls-exporter value "
                    + "(RFC 9266 §3; the JDK says: " + e.getMessage() + "); connect with TLS 1.3, or with TLS 1.2 "
                    + "and extended master secret");
        }
    }
}
