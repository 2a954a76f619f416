package dev.estserver.operator.estserver;

import dev.estserver.operator.api.v1alpha1.EstServer;

/** Names of the objects an EstServer owns or uses, in its namespace; one place so every reader agrees. */
public record OwnedNames(String namespace, String server) {

    /** Label set on every object the operator creates for an EstServer. */
    public static final String SERVER_LABEL = "estserver.dev/server";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "est-operator";
    /**
     * On a DeviceEnrollment's bootstrap Secret, naming it: the EstServer controller's informer of the Secrets its
     * servers use leaves these out (there are as many as devices).
     */
    public static final String BOOTSTRAP_LABEL = "estserver.dev/device-enrollment";

    /** Key of the CA bundle ConfigMap and of bootstrap Secrets holding the PEM trust bundle. */
    public static final String CA_BUNDLE_KEY = "ca.crt";
    /** Key of the admin token Secret. */
    public static final String ADMIN_TOKEN_KEY = "token";
    /** Key of the rendered configuration in the service ConfigMap. */
    public static final String CONFIG_KEY = "application.properties";

    public static final int HTTPS_PORT = 8443;
    public static final int MANAGEMENT_PORT = 9000;
    /** The unlabeled EST path below a base URL (RFC 7030 §3.2.2). */
    public static final String EST_PATH = "/.well-known/est";

    public static OwnedNames of(EstServer server) {
        return new OwnedNames(server.getMetadata().getNamespace(), server.getMetadata().getName());
    }

    /** Deployment, Service, ServiceAccount, PodDisruptionBudget and Ingress all carry the server's name. */
    public String workload() {
        return server;
    }

    public String config() {
        return server + "-config";
    }

    public String caBundle() {
        return server + "-ca-bundle";
    }

    /** The generated CA; not owned, so it outlives the EstServer. */
    public String generatedCa() {
        return server + "-ca";
    }

    public String tls() {
        return server + "-tls";
    }

    public String adminToken() {
        return server + "-admin-token";
    }

    /** DNS name of the Service inside the cluster. */
    public String serviceHost(String clusterDomain) {
        return server + "." + namespace + ".svc." + clusterDomain;
    }

    /** EST and admin API through the Service, e.g. {@code https://est.pki.svc.cluster.local:8443}. */
    public String httpsBase(String clusterDomain) {
        return "https://" + serviceHost(clusterDomain) + ":" + HTTPS_PORT;
    }

    /** Health and metrics through the Service, plain HTTP as the kubelet uses it. */
    public String managementBase(String clusterDomain) {
        return "http://" + serviceHost(clusterDomain) + ":" + MANAGEMENT_PORT;
    }
}
