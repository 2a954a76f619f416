package dev.estserver.operator.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Key algorithms the operator generates CA keys with, named as est-service names allowed keys. */
public enum KeyAlgorithm {
    EC_P256("EC", "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", "secp384r1", "SHA384withECDSA"),
    RSA_3072("RSA", "3072", "SHA256withRSA"),
    RSA_4096("RSA", "4096", "SHA256withRSA");

    private final String family;
    private final String parameter;
    private final String signatureAlgorithm;

    KeyAlgorithm(String family, String parameter, String signatureAlgorithm) {
        this.family = family;
        this.parameter = parameter;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The spec name, e.g. {@code ec-p256}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<KeyAlgorithm> bySpecName(String name) {
        return Arrays.stream(values()).filter(a -> a.specName().equals(name)).findFirst();
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
            if (family.equals("EC")) {
                generator.initialize(new ECGenParameterSpec(parameter));
            } else {
                generator.initialize(Integer.parseInt(parameter));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + specName() + " key", e);
        }
    }

    /** The signature algorithm for a key of this family (RSA or EC) signing certificates. */
    public static String signatureAlgorithmFor(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? RSA_3072.signatureAlgorithm
                : key instanceof ECPrivateKey ec
                        && ec.getParams().getCurve().getField().getFieldSize() > 256
                                ? EC_P384.signatureAlgorithm : EC_P256.signatureAlgorithm;
    }
}
