package dev.estserver.service.ca;

import java.util.Locale;

/** One accepted key kind of a profile, such as {@code rsa-2048} (RSA of at least 2048 bits) or {@code ec-p256}. */
public record KeyRequirement(CsrKey.Family family, int minimumBits, String curve) {

    public static KeyRequirement parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ec-p256" -> new KeyRequirement(CsrKey.Family.EC, 0, "P-256");
            case "ec-p384" -> new KeyRequirement(CsrKey.Family.EC, 0, "P-384");
            case "ec-p521" -> new KeyRequirement(CsrKey.Family.EC, 0, "P-521");
            case "ed25519" -> new KeyRequirement(CsrKey.Family.ED25519, 0, "");
            default -> {
                if (t.startsWith("rsa-") && t.substring(4).chars().allMatch(Character::isDigit) && t.length() > 4) {
                    int bits = Integer.parseInt(t.substring(4));
                    if (bits < 2048) {
                        throw new IllegalArgumentException("RSA keys below 2048 bits are never accepted, got " + text);
                    }
                    yield new KeyRequirement(CsrKey.Family.RSA, bits, "");
                }
                throw new IllegalArgumentException("unknown key kind '" + text
                        + "'; expected rsa-<bits>, ec-p256, ec-p384, ec-p521 or ed25519");
            }
        };
    }

    public boolean accepts(CsrKey key) {
        return key.family() == family
                && key.bits() >= minimumBits
                && key.curve().equals(curve);
    }

    /** True when every key of the {@code other} kind also meets this requirement. */
    public boolean covers(KeyRequirement other) {
        return other.family == family
                && other.minimumBits >= minimumBits
                && other.curve.equals(curve);
    }

    @Override
    public String toString() {
        return switch (family) {
            case RSA -> "RSA >= " + minimumBits + " bits";
            case EC -> "EC " + curve;
            case ED25519 -> "Ed25519";
            case OTHER -> "none";
        };
    }
}
