package dev.estserver.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * What an EST service should be. Durations are Kubernetes style ({@code 720h}, {@code 90d}) or ISO-8601
 * ({@code P90D}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstServerSpec(
        @JsonPropertyDescription("Container image of est-service. Default: the image matching this operator's version.")
        String image,
        @JsonPropertyDescription("Number of est-service pods; above 1 a PodDisruptionBudget keeps one of them up. "
                + "Default 1.")
        @Min(0) Integer replicas,
        @JsonPropertyDescription("CPU and memory requests and limits of the est-service container.")
        ResourceRequirements resources,
        @JsonPropertyDescription("The issuing CA: exactly one of secretRef (managed in Git) or generate.")
        @Required CaSpec ca,
        @JsonPropertyDescription("The HTTPS server certificate. Absent: the operator issues one from the CA for the "
                + "Service's DNS names (and the Ingress host) and renews it.")
        TlsSpec tls,
        @JsonPropertyDescription("The PostgreSQL database that holds devices, certificates and the audit log.")
        @Required DatabaseSpec database,
        @JsonPropertyDescription("Certificate profiles by name; the profile named 'default' serves the unlabeled "
                + "path. Absent: one default profile with the service's defaults.")
        Map<String, ProfileSpec> profiles,
        @JsonPropertyDescription("EST labels (/.well-known/est/<label>/...) mapped to profile names.")
        Map<String, String> labels,
        @JsonPropertyDescription("Which DeviceEnrollments may use this server.")
        EnrollmentPolicySpec enrollment,
        @JsonPropertyDescription("An Ingress with TLS passthrough; EST needs end-to-end TLS for client "
                + "certificates and channel binding. Absent: no Ingress.")
        IngressSpec ingress,
        @JsonPropertyDescription("A Prometheus Operator ServiceMonitor that scrapes every pod's metrics as the job "
                + "est-service (what deploy/observability's alert rules expect). Created only while the "
                + "ServiceMonitor CRD exists in the cluster. Absent: none.")
        ServiceMonitorSpec serviceMonitor) {

    /** CA source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.fabric8.generator.annotation.ValidationRule(value = "has(self.secretRef) != has(self.generate)",
            message = "set exactly one of spec.ca.secretRef and spec.ca.generate")
    public record CaSpec(
            @JsonPropertyDescription("A Secret managed outside the operator (GitOps) with keys tls.crt (the CA "
                    + "certificate, then its chain) and tls.key (its private key); optional ca-next.crt (the next "
                    + "CA during a rotation, published in the CA bundle and /cacerts).")
            LocalObjectRef secretRef,
            @JsonPropertyDescription("Let the operator generate the CA into the Secret <name>-ca, which it keeps "
                    + "when the EstServer is deleted.")
            GenerateCaSpec generate) {
    }

    /** A generated CA. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerateCaSpec(
            @JsonPropertyDescription("Subject common name of the CA. Default: '<name> EST CA'.")
            String commonName,
            @JsonPropertyDescription("Lifetime of the CA certificate. Default 87600h (10 years).")
            String validity,
            @JsonPropertyDescription("When this long before its end the operator generates the next CA; both are "
                    + "published in the CA bundle until the old one ends. Default 2160h (90 days).")
            String renewBefore,
            @JsonPropertyDescription("Key algorithm: ec-p256 (default), ec-p384, rsa-3072 or rsa-4096.")
            String keyAlgorithm) {
    }

    /** Server certificate source. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TlsSpec(
            @JsonPropertyDescription("A kubernetes.io/tls Secret with the server certificate (tls.crt) and key "
                    + "(tls.key); its ca.crt, when present, is what the operator trusts to call the service.")
            LocalObjectRef secretRef) {
    }

    /** Database connection. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @io.fabric8.generator.annotation.ValidationRule(value = "has(self.url) != has(self.host)",
            message = "set exactly one of spec.database.url and spec.database.host")
    public record DatabaseSpec(
            @JsonPropertyDescription("JDBC URL, e.g. jdbc:postgresql://db.example:5432/est?sslmode=verify-full.")
            String url,
            @JsonPropertyDescription("PostgreSQL host name (instead of url).")
            String host,
            @JsonPropertyDescription("PostgreSQL port. Default 5432.")
            Integer port,
            @JsonPropertyDescription("Database name. Default est.")
            String name,
            @JsonPropertyDescription("The Secret key holding the database user name.")
            @Required SecretKeyRef usernameSecret,
            @JsonPropertyDescription("The Secret key holding the database password.")
            @Required SecretKeyRef passwordSecret) {
    }

    /** A certificate profile: the common settings by name, any other est.profiles.<name>.* property verbatim. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProfileSpec(
            @JsonPropertyDescription("Lifetime of issued certificates. Default 8760h (365 days).")
            String validity,
            @JsonPropertyDescription("Key usages, e.g. digital-signature, key-encipherment.")
            List<String> keyUsage,
            @JsonPropertyDescription("Extended key usages, e.g. client-auth, server-auth.")
            List<String> extendedKeyUsage,
            @JsonPropertyDescription("Accepted keys: rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384, ed25519.")
            List<String> allowedKeys,
            @JsonPropertyDescription("How clients may authenticate: basic, client-certificate, one-time-code.")
            List<String> authMethods,
            @JsonPropertyDescription("A second enrollment of a device that has a certificate: reject (default), "
                    + "allow, or replace (revokes the old certificate).")
            String duplicateDevice,
            @JsonPropertyDescription("Hold every enrollment for an operator's approval (202 + Retry-After).")
            Boolean approvalRequired,
            @JsonPropertyDescription("Allow /serverkeygen (the service generates the key; off by default).")
            Boolean serverKeygen,
            @JsonPropertyDescription("Further est.profiles.<name>.<property> settings of est-service, by "
                    + "property name (e.g. subject.required: CN); see the service's profile reference.")
            Map<String, String> properties) {
    }

    /** Who may enroll through this server. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnrollmentPolicySpec(
            @JsonPropertyDescription("Namespaces whose DeviceEnrollments may name this server. Default: only the "
                    + "EstServer's own namespace. '*' allows every namespace.")
            List<String> allowedNamespaces) {
    }

    /** Ingress. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IngressSpec(
            @JsonPropertyDescription("Host name clients use; it is added to the operator-issued server certificate.")
            @Required String host,
            @JsonPropertyDescription("IngressClass name. Default: the cluster default.")
            String className,
            @JsonPropertyDescription("Extra Ingress annotations; the operator adds the ingress-nginx SSL "
                    + "passthrough one.")
            Map<String, String> annotations) {
    }

    /** ServiceMonitor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceMonitorSpec(
            @JsonPropertyDescription("Labels of the ServiceMonitor, such as the one your Prometheus's "
                    + "serviceMonitorSelector asks for (often release: <your Prometheus release>).")
            Map<String, String> labels,
            @JsonPropertyDescription("Scrape interval, such as 30s. Default: Prometheus's own.")
            String interval) {
    }
}
