package dev.estserver.service.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.config.ProfileConfig;

/** Profiles and certificate templates built without a running service. */
public final class TestProfiles {

    private static final String PREFIX = "est.profiles.test";

    private TestProfiles() {
    }

    /** The certificate template an unconfigured profile gets: the {@code @WithDefault} values of ProfileConfig. */
    public static CertificateTemplate defaults() {
        return template(Duration.ofDays(365), KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                KeyPurposeId.id_kp_clientAuth);
    }

    public static CertificateTemplate template(Duration validity, int keyUsage, KeyPurposeId... extendedKeyUsage) {
        return new CertificateTemplate(validity, keyUsage, List.of(extendedKeyUsage));
    }

    /**
     * A profile configuration exactly as SmallRye Config maps it, from properties written as under
     * {@code est.profiles.<name>.} (for example {@code "subject.required", "CN"}).
     */
    public static ProfileConfig config(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        // A map entry needs one property to exist; this one is the documented default.
        properties.put(PREFIX + ".issuing-ca", "default");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(PREFIX + "." + keysAndValues[i], keysAndValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(ProfileConfig.class, PREFIX)
                .build();
        return config.getConfigMapping(ProfileConfig.class, PREFIX);
    }
}
