package dev.estserver.operator.estserver;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.DatabaseSpec;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.ProfileSpec;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.spec.SpecDurations;
import dev.estserver.operator.status.Reason;

/**
 * Renders an EstServer spec into est-service's {@code application.properties}: file paths of the mounted Secrets,
 * the database URL, profiles and labels. Credentials never appear in it; they come from Secrets through the
 * environment ({@code QUARKUS_DATASOURCE_USERNAME/PASSWORD}, {@link #ADMIN_TOKEN_ENV}).
 */
public final class ServiceConfigRenderer {

    /** Where the pod mounts the CA Secret, the TLS Secret and this configuration. */
    public static final String CA_DIR = "/etc/est/ca";
    public static final String TLS_DIR = "/etc/est/tls";
    /** The environment variable holding the operator's admin token. */
    public static final String ADMIN_TOKEN_ENV = "EST_OPERATOR_ADMIN_TOKEN";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ServiceConfigRenderer() {
    }

    /**
     * @param revocationBaseUrl where relying parties fetch CRLs and ask OCSP
     * @throws InvalidSpec naming the field of a bad profile, label or duration
     */
    public static String render(EstServer server, CaMaterial ca, String revocationBaseUrl) throws InvalidSpec {
        EstServerSpec spec = server.getSpec();
        Map<String, String> p = new TreeMap<>();
        p.put("quarkus.datasource.jdbc.url", jdbcUrl(spec.database()));
        p.put("est.ca.cert-file", CA_DIR + "/" + CaMaterial.CERT_KEY);
        p.put("est.ca.key-file", CA_DIR + "/" + CaMaterial.PRIVATE_KEY_KEY);
        if (!ca.rollover().isEmpty()) {
            p.put("est.ca.rollover-cert-files", String.join(",", ca.rollover().keySet().stream()
                    .map(key -> CA_DIR + "/" + key).toList()));
        }
        p.put("est.tls.cert-file", TLS_DIR + "/" + CaMaterial.CERT_KEY);
        p.put("est.tls.key-file", TLS_DIR + "/" + CaMaterial.PRIVATE_KEY_KEY);
        p.put("est.admin.tokens.operator", "${" + ADMIN_TOKEN_ENV + "}");
        p.put("est.revocation.base-url", revocationBaseUrl);
        Map<String, ProfileSpec> profiles = spec.profiles() == null ? Map.of() : spec.profiles();
        for (Map.Entry<String, ProfileSpec> profile : profiles.entrySet()) {
            renderProfile(p, profile.getKey(), profile.getValue());
        }
        // A DeviceEnrollment without a label enrolls on the unlabeled path, which the service serves in production
        // mode only when configured; every credential the operator issues is bound to its DeviceEnrollment's label.
        p.put("est.labels.default", "default");
        if (spec.labels() != null) {
            for (Map.Entry<String, String> label : spec.labels().entrySet()) {
                String field = "spec.labels." + label.getKey();
                requireName(field, label.getKey());
                if (!label.getValue().equals("default") && !profiles.containsKey(label.getValue())) {
                    throw new InvalidSpec(Reason.INVALID_SPEC, field + " names profile '" + label.getValue()
                            + "', which is not in spec.profiles " + profiles.keySet());
                }
                p.put("est.labels." + label.getKey(), label.getValue());
            }
        }
        StringBuilder text = new StringBuilder("# Rendered by est-operator from EstServer "
                + server.getMetadata().getNamespace() + "/" + server.getMetadata().getName()
                + ": edit the EstServer, not this ConfigMap.\n");
        p.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
        return text.toString();
    }

    private static void renderProfile(Map<String, String> p, String name, ProfileSpec profile) throws InvalidSpec {
        String field = "spec.profiles." + name;
        requireName(field, name);
        String prefix = "est.profiles." + name + ".";
        if (profile.properties() != null) {
            for (Map.Entry<String, String> property : profile.properties().entrySet()) {
                if (!PROPERTY.matcher(property.getKey()).matches()) {
                    throw new InvalidSpec(Reason.INVALID_SPEC, field + ".properties: '" + property.getKey()
                            + "' is not a property name (letters, digits, '.', '_', '-')");
                }
                p.put(prefix + property.getKey(), property.getValue());
            }
        }
        if (profile.validity() != null) {
            p.put(prefix + "validity", SpecDurations.parse(field + ".validity", profile.validity(), null).toString());
        }
        putList(p, prefix + "key-usage", profile.keyUsage());
        putList(p, prefix + "extended-key-usage", profile.extendedKeyUsage());
        putList(p, prefix + "allowed-keys", profile.allowedKeys());
        putList(p, prefix + "auth-methods", profile.authMethods());
        if (profile.duplicateDevice() != null) {
            p.put(prefix + "duplicate-device", profile.duplicateDevice());
        }
        if (profile.approvalRequired() != null) {
            p.put(prefix + "approval.required", profile.approvalRequired().toString());
        }
        if (profile.serverKeygen() != null) {
            p.put(prefix + "serverkeygen.enabled", profile.serverKeygen().toString());
        }
    }

    private static void putList(Map<String, String> p, String key, List<String> values) {
        if (values != null) {
            p.put(key, String.join(",", values));
        }
    }

    private static void requireName(String field, String name) throws InvalidSpec {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpec(Reason.INVALID_SPEC, field + ": '" + name + "' must be lower-case letters, digits "
                    + "and '-', at most 63 characters, as est-service labels and profile names are");
        }
    }

    static String jdbcUrl(DatabaseSpec database) {
        if (database.url() != null) {
            return database.url();
        }
        return "jdbc:postgresql://" + database.host() + ":" + (database.port() == null ? 5432 : database.port()) + "/"
                + (database.name() == null ? "est" : database.name());
    }

    /** Escapes what java.util.Properties would read differently, so that the service sees the spec's value. */
    private static String escape(String value) {
        String escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t").replace("\f", "\\f");
        // Properties drops the blanks before a value; an escaped one is kept.
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }
}
