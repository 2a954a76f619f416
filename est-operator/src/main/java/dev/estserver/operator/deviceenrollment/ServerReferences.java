package dev.estserver.operator.deviceenrollment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.KubernetesClient;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.EnrollmentPolicySpec;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;

/** Finds the EstServer a DeviceEnrollment names in spec.serverRef, and whether it accepts the enrollment. */
@ApplicationScoped
class ServerReferences {

    private static final String EVERY_NAMESPACE = "*";

    private final KubernetesClient client;

    ServerReferences(KubernetesClient client) {
        this.client = client;
    }

    /** The referenced server, whatever its policy: deleting an enrollment revokes it even if policy changed since. */
    Optional<EstServer> find(DeviceEnrollment enrollment) {
        return Optional.ofNullable(client.resources(EstServer.class).inNamespace(serverNamespace(enrollment))
                .withName(enrollment.getSpec().serverRef().name()).get());
    }

    /** @throws InvalidSpec ServerNotFound, or NamespaceNotAllowed by the server's spec.enrollment.allowedNamespaces */
    EstServer resolve(DeviceEnrollment enrollment) throws InvalidSpec {
        String namespace = serverNamespace(enrollment);
        String name = enrollment.getSpec().serverRef().name();
        EstServer server = find(enrollment).orElseThrow(() -> new InvalidSpec(Reason.SERVER_NOT_FOUND,
                "spec.serverRef names EstServer " + namespace + "/" + name + ", which does not exist"));
        String own = enrollment.getMetadata().getNamespace();
        List<String> allowed = allowedNamespaces(server);
        if (!allowed.contains(EVERY_NAMESPACE) && !allowed.contains(own)) {
            throw new InvalidSpec(Reason.NAMESPACE_NOT_ALLOWED, "EstServer " + namespace + "/" + name
                    + " does not accept DeviceEnrollments from namespace '" + own + "': its "
                    + "spec.enrollment.allowedNamespaces is " + allowed);
        }
        return server;
    }

    /** Whether the enrollment names that server (for mapping server events to the enrollments to look at again). */
    static boolean names(DeviceEnrollment enrollment, EstServer server) {
        return Objects.equals(enrollment.getSpec().serverRef().name(), server.getMetadata().getName())
                && Objects.equals(serverNamespace(enrollment), server.getMetadata().getNamespace());
    }

    static String serverNamespace(DeviceEnrollment enrollment) {
        String namespace = enrollment.getSpec().serverRef().namespace();
        return namespace == null || namespace.isBlank() ? enrollment.getMetadata().getNamespace() : namespace;
    }

    private static List<String> allowedNamespaces(EstServer server) {
        EnrollmentPolicySpec policy = server.getSpec() == null ? null : server.getSpec().enrollment();
        return policy == null || policy.allowedNamespaces() == null || policy.allowedNamespaces().isEmpty()
                ? List.of(server.getMetadata().getNamespace()) : policy.allowedNamespaces();
    }
}
