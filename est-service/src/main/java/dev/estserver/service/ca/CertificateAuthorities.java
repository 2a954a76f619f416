package dev.estserver.service.ca;

import java.util.Collections;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The issuing CAs by name: {@value PkiMaterial#DEFAULT_CA} for {@code est.ca.*}, and each {@code est.cas.<name>};
 * a profile names its CA in {@code issuing-ca}.
 */
@Singleton
public class CertificateAuthorities {

    private final Map<String, CertificateAuthority> byName;

    @Inject
    CertificateAuthorities(PkiMaterial pki) {
        this(pki.issuingCas());
    }

    /** @param byName the CAs by name, in the order they are listed */
    public CertificateAuthorities(Map<String, ? extends CertificateAuthority> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The CA of that name; names are checked against configuration when profiles are loaded. */
    public CertificateAuthority named(String name) {
        CertificateAuthority ca = byName.get(name);
        if (ca == null) {
            throw new IllegalArgumentException("no issuing CA named '" + name + "'");
        }
        return ca;
    }

    /** All CAs by name, the default first. */
    public Map<String, CertificateAuthority> byName() {
        return byName;
    }
}
