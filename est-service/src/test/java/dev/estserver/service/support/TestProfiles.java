package dev.estserver.service.support;

import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import dev.estserver.service.policy.DuplicateDevicePolicy;
import dev.estserver.service.policy.KeyRequirement;
import dev.estserver.service.policy.Profile;

/** Profiles built directly, without configuration. */
public final class TestProfiles {

    private TestProfiles() {
    }

    /** The profile an unconfigured label gets: the {@code @WithDefault} values of {@code ProfileConfig}. */
    public static Profile defaults() {
        return profile(Duration.ofDays(365), KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                KeyPurposeId.id_kp_clientAuth);
    }

    public static Profile profile(Duration validity, int keyUsage, KeyPurposeId... extendedKeyUsage) {
        List<KeyRequirement> keys = List.of("rsa-2048", "ec-p256", "ec-p384", "ed25519").stream()
                .map(KeyRequirement::parse).toList();
        return new Profile("test", validity, keyUsage, List.of(extendedKeyUsage), keys, DuplicateDevicePolicy.REJECT);
    }
}
