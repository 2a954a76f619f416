package dev.estserver.operator.deviceenrollment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.api.v1alpha1.EstServerSpec.EnrollmentPolicySpec;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.spec.InvalidSpec;
import dev.estserver.operator.status.Reason;

/**
 * Finds the EstServer a DeviceEnrollment names in spec.serverRef (in the controller's informer cache), and whether it
 * accepts the enrollment.
 */
final class ServerReferences {

    private static final String EVERY_NAMESPACE = "*";

    private ServerReferences() {
    }

    /** The referenced server, whatever its policy: deleting an enrollment revokes it even if policy changed since. */
    static Optional<EstServer> find(DeviceEnrollment enrollment, Cached cached) {
        return cached.get(EstServer.class, serverNamespace(enrollment), enrollment.getSpec().serverRef().name());
    }

    /** @throws InvalidSpec ServerNotFound, or NamespaceNotAllowed by the server's spec.enrollment.allowedNamespaces */
    static EstServer resolve(DeviceEnrollment enrollment, Cached cached) throws InvalidSpec {
        String namespace = serverNamespace(enrollment);
        String name = enrollment.getSpec().serverRef().name();
        EstServer server = find(enrollment, cached).orElseThrow(() -> new InvalidSpec(Reason.SERVER_NOT_FOUND,
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
    static boolean names(DeviceEnrollment enrollment, String serverNamespace, String serverName) {
        return Objects.equals(enrollment.getSpec().serverRef().name(), serverName)
                && Objects.equals(serverNamespace(enrollment), serverNamespace);
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
