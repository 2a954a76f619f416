package dev.estserver.operator.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the operator reads from configuration. */
@ConfigMapping(prefix = "est-operator")
public interface OperatorConfig {

    /** est-service image used when an EstServer sets none. */
    @WithDefault("ghcr.io/estserver/est-service:0.1.0")
    String defaultImage();

    /**
     * Base URL of every EstServer's HTTPS port (EST and admin API) instead of its in-cluster Service, for an operator
     * that runs outside the cluster (development, {@code make e2e}) next to a {@code kubectl port-forward}.
     */
    Optional<String> serviceUrlOverride();

    /**
     * DNS name that every EstServer's TLS certificate is verified against instead of the host of its URL: with
     * {@code service-url-override=https://localhost:8443} (a {@code kubectl port-forward}) the certificate names the
     * Service, e.g. {@code est.pki.svc}, not localhost. The chain is still checked against the service's CA bundle
     * only; host name verification is never switched off.
     */
    Optional<String> serviceTlsServerName();

    /** Base URL of every EstServer's management port (health) instead of its in-cluster Service; see above. */
    Optional<String> managementUrlOverride();

    /** How often resources are reconciled without any event, so that Expiring and health follow time. */
    @WithDefault("60S")
    Duration resyncInterval();

    /**
     * How soon a DeviceEnrollment is looked at again while a change is expected soon: a device that has not enrolled
     * yet, a server that is not ready or unreachable, a revocation that has to be retried.
     */
    @WithDefault("5S")
    Duration pollInterval();

    /**
     * How many admin API calls one est-service gets from the operator at a time. Reconcile threads beyond it wait;
     * bounded so that a burst of DeviceEnrollments never takes all of the service's database connections.
     */
    @WithDefault("4")
    int adminApiConcurrentCalls();

    /** Kubernetes cluster domain used in the in-cluster service names and the issued server certificate. */
    @WithDefault("cluster.local")
    String clusterDomain();
}
