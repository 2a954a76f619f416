package dev.estserver.service.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.KeyRequirement;
import dev.estserver.service.config.ProfileConfig;

/** Turns {@code est.profiles.<name>} configuration into a {@link Profile}, naming the property on any error. */
final class ProfileParser {

    private static final Map<String, Integer> KEY_USAGES = Map.of(
            "digital-signature", KeyUsage.digitalSignature,
            "non-repudiation", KeyUsage.nonRepudiation,
            "key-encipherment", KeyUsage.keyEncipherment,
            "data-encipherment", KeyUsage.dataEncipherment,
            "key-agreement", KeyUsage.keyAgreement);

    private static final Map<String, KeyPurposeId> EXTENDED_KEY_USAGES = Map.of(
            "client-auth", KeyPurposeId.id_kp_clientAuth,
            "server-auth", KeyPurposeId.id_kp_serverAuth,
            "code-signing", KeyPurposeId.id_kp_codeSigning,
            "email-protection", KeyPurposeId.id_kp_emailProtection,
            "time-stamping", KeyPurposeId.id_kp_timeStamping,
            "ocsp-signing", KeyPurposeId.id_kp_OCSPSigning);

    /** Every way of authenticating an enrollment; admin tokens authenticate only the admin API. */
    private static final Map<String, AuthMethod> AUTH_METHODS = EnumSet.complementOf(EnumSet.of(AuthMethod.ADMIN_TOKEN))
            .stream().collect(Collectors.toUnmodifiableMap(AuthMethod::configName, method -> method));

    private ProfileParser() {
    }

    static Profile parse(String name, ProfileConfig config) {
        String prefix = "est.profiles." + name + ".";
        if (config.validity().isNegative() || config.validity().isZero()) {
            throw new IllegalArgumentException(prefix + "validity must be positive, got " + config.validity());
        }
        int keyUsage = 0;
        for (String usage : config.keyUsage()) {
            keyUsage |= lookup(KEY_USAGES, usage, prefix + "key-usage");
        }
        List<KeyPurposeId> eku = nonBlank(config.extendedKeyUsage()).stream()
                .map(usage -> lookup(EXTENDED_KEY_USAGES, usage, prefix + "extended-key-usage")).toList();
        List<KeyRequirement> keys = keyRequirements(config.allowedKeys(), prefix + "allowed-keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(prefix + "allowed-keys must name at least one key kind");
        }
        Set<AuthMethod> authMethods = EnumSet.noneOf(AuthMethod.class);
        nonBlank(config.authMethods()).forEach(m -> authMethods.add(lookup(AUTH_METHODS, m, prefix + "auth-methods")));
        if (authMethods.isEmpty()) {
            throw new IllegalArgumentException(prefix + "auth-methods must name at least one of "
                    + AUTH_METHODS.keySet());
        }
        Optional<KeyRequirement> keygenKey = config.serverkeygen().key()
                .map(k -> keyRequirements(List.of(k), prefix + "serverkeygen.key").getFirst());
        keygenKey.filter(k -> keys.stream().noneMatch(allowed -> allowed.covers(k))).ifPresent(k -> {
            throw new IllegalArgumentException(prefix + "serverkeygen.key: " + k + " is not one of the kinds in "
                    + prefix + "allowed-keys " + keys);
        });
        if (config.serverkeygen().enabled() && config.approval().required()) {
            throw new IllegalArgumentException(prefix + "serverkeygen.enabled=true cannot be combined with " + prefix
                    + "approval.required=true: the server-generated private key would have to be stored while the "
                    + "request waits for approval, and private keys are never stored");
        }
        if (config.channelBinding() && config.approval().required()) {
            throw new IllegalArgumentException(prefix + "channel-binding=true cannot be combined with " + prefix
                    + "approval.required=true: a client polls a held request by sending the same CSR again (RFC 7030 "
                    + "§4.2.3), but a channel-bound CSR is valid only on the TLS connection it was made for");
        }
        ApprovalPolicy approval = new ApprovalPolicy(config.approval().required(),
                positive(config.approval().retryAfter(), prefix + "approval.retry-after"),
                positive(config.approval().expireAfter(), prefix + "approval.expire-after"));
        return new Profile(name, config.issuingCa().trim(),
                new CertificateTemplate(config.validity(), keyUsage, eku), keys,
                nameRules("subject", prefix + "subject", config.subject(), ProfileParser::subjectAttribute),
                nameRules("subjectAltName", prefix + "san", config.san(), ProfileParser::sanType),
                Set.copyOf(authMethods),
                enumValue(DuplicateDevicePolicy.class, config.duplicateDevice(), prefix + "duplicate-device"),
                new ServerKeygenPolicy(config.serverkeygen().enabled(), keygenKey),
                approval, config.channelBinding(), config.changeSubjectName(),
                enumValue(CsrAttrsForm.class, config.csrattrs(), prefix + "csrattrs"));
    }

    private static NameRules nameRules(String what, String property, ProfileConfig.NameRules config,
            UnaryOperator<String> canonical) {
        UnaryOperator<String> named = raw -> {
            try {
                return canonical.apply(raw.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
            }
        };
        Map<String, ValuePattern> patterns = new LinkedHashMap<>();
        config.patterns().forEach((key, pattern) -> {
            try {
                patterns.put(named.apply(key), ValuePattern.parse(pattern));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ".patterns." + key + ": " + e.getMessage(), e);
            }
        });
        return new NameRules(what, property, names(config.required().orElse(List.of()), named),
                config.allowed().map(allowed -> names(allowed, named)),
                names(config.forbidden().orElse(List.of()), named), Map.copyOf(patterns));
    }

    private static Set<String> names(List<String> raw, UnaryOperator<String> named) {
        return nonBlank(raw).stream().map(named).collect(Collectors.toUnmodifiableSet());
    }

    private static String subjectAttribute(String name) {
        return SubjectAttributes.canonicalName(name);
    }

    private static String sanType(String name) {
        String type = name.toLowerCase(Locale.ROOT);
        if (!SubjectAltNameTypes.NAMES.contains(type)) {
            throw new IllegalArgumentException("unknown subjectAltName type '" + name + "'; expected one of "
                    + SubjectAltNameTypes.NAMES);
        }
        return type;
    }

    private static List<KeyRequirement> keyRequirements(List<String> kinds, String property) {
        try {
            return nonBlank(kinds).stream().map(KeyRequirement::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

    private static <T> T lookup(Map<String, T> known, String value, String property) {
        T found = known.get(value.trim().toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new IllegalArgumentException(property + ": unknown value '" + value + "'; expected one of "
                    + known.keySet().stream().sorted().toList());
        }
        return found;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String property) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": expected one of " + EnumSet.allOf(type).stream()
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + value + "'", e);
        }
    }

    private static Duration positive(Duration value, String property) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
        return value;
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
