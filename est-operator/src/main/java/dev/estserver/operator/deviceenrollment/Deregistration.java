package dev.estserver.operator.deviceenrollment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.kube.Cached;
import dev.estserver.operator.kube.KubeEvents;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.AdminApiException;
import dev.estserver.operator.service.ServiceConnection;
import dev.estserver.operator.service.ServiceConnections;
import dev.estserver.operator.status.Reason;

/**
 * What deleting a DeviceEnrollment means for the service: the certificates of the device it owns revoked, and every
 * bootstrap credential it was ever issued. A device another DeviceEnrollment owns is never touched.
 */
@ApplicationScoped
class Deregistration {

    /** Why deletion has to wait, as a condition reason and message. */
    record Waiting(String reason, String message) {
    }

    private static final Logger LOG = Logger.getLogger(Deregistration.class);

    private final ServiceConnections connections;
    private final AdminApi api;
    private final KubeEvents events;

    Deregistration(ServiceConnections connections, AdminApi api, KubeEvents events) {
        this.connections = connections;
        this.api = api;
        this.events = events;
    }

    /**
     * Revokes what the service holds for the device. Unknown to the service counts as done. A server that is gone or
     * being deleted takes its registrations with it: waiting for it would block the deletion of a namespace holding
     * both forever.
     *
     * @return empty when done, else why it has to be tried again
     */
    Optional<Waiting> revoke(DeviceEnrollment enrollment, Cached cached) {
        String name = enrollment.getMetadata().getNamespace() + "/" + enrollment.getMetadata().getName();
        Optional<EstServer> server = ServerReferences.find(enrollment, cached);
        String serverName = ServerReferences.serverNamespace(enrollment) + "/"
                + enrollment.getSpec().serverRef().name();
        if (server.isEmpty() || server.get().isMarkedForDeletion()) {
            LOG.warnf("DeviceEnrollment %s deleted without revocation: EstServer %s is gone", name, serverName);
            return Optional.empty();
        }
        Optional<ServiceConnection> service = connections.of(server.get(), cached);
        if (service.isEmpty()) {
            return Optional.of(new Waiting(Reason.REVOCATION_PENDING, "deletion waits until EstServer " + serverName
                    + " publishes its admin token and CA bundle, to revoke the device's certificates"));
        }
        RegistrationKey key = RegistrationKey.of(enrollment.getSpec());
        String uid = enrollment.getMetadata().getUid();
        try {
            String outcome = deregister(service.get(), key, uid, serverName);
            List<String> credentials = api.revokeBootstrapCredentialsOf(service.get(), uid);
            String legacy = enrollment.getStatus() == null ? null : enrollment.getStatus().bootstrapUsername();
            if (legacy != null && !credentials.contains(legacy)) {
                // Issued before the service recorded owners of credentials.
                api.revokeBootstrapCredential(service.get(), legacy);
            }
            String message = outcome + (credentials.isEmpty() ? "" : "; revoked bootstrap credentials " + credentials);
            LOG.infof("DeviceEnrollment %s deleted: %s", name, message);
            events.normal(enrollment, Reason.CERTIFICATE_REVOKED, message);
            return Optional.empty();
        } catch (AdminApiException e) {
            return Optional.of(new Waiting(Reason.REVOCATION_FAILED,
                    "deletion waits until the service revokes the device: " + e.getMessage()));
        }
    }

    private String deregister(ServiceConnection service, RegistrationKey key, String uid, String serverName) {
        try {
            return api.deregister(service, key.label(), key.identity(), uid)
                    ? "revoked the certificates of '" + key + "' in EstServer " + serverName
                    : "EstServer " + serverName + " did not know '" + key + "'";
        } catch (AdminApiException e) {
            if (e.isConflict()) {
                return "left '" + key + "' alone: " + e.getMessage();
            }
            throw e;
        }
    }
}
