package dev.estserver.service.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test configuration plus the profiles that require channel binding (RFC 9266 tls-exporter): label {@code bound}
 * for enrollment, {@code keygen-bound} for /serverkeygen, and {@code csrattrs-legacy}, whose /csrattrs then asks for
 * a challengePassword. Kept out of the shared test configuration because such a profile puts the HTTPS listener on
 * the JDK's TLS stack (tls.TlsEngine), and every other test runs on BoringSSL, as a service without them does.
 */
public class ChannelBindingProfiles implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "est.labels.bound", "channel-bound",
                "est.profiles.channel-bound.channel-binding", "true",
                // /serverkeygen ignores the CSR signature (RFC 7030 §4.4.1) but not the binding in its
                // challengePassword.
                "est.labels.keygen-bound", "keygen-bound",
                "est.profiles.keygen-bound.channel-binding", "true",
                "est.profiles.keygen-bound.serverkeygen.enabled", "true",
                "est.profiles.csrattrs-legacy.channel-binding", "true");
    }
}
