package dev.estserver.operator.deviceenrollment;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollment;
import dev.estserver.operator.api.v1alpha1.EstServer;
import dev.estserver.operator.service.AdminApi;
import dev.estserver.operator.service.AdminApiException;
import dev.estserver.operator.service.ServiceConnection;
import dev.estserver.operator.service.ServiceConnections;

/** What deleting a DeviceEnrollment means for the service: its certificates and its bootstrap credential revoked. */
@ApplicationScoped
class Deregistration {

    private static final Logger LOG = Logger.getLogger(Deregistration.class);

    private final ServerReferences servers;
    private final ServiceConnections connections;
    private final AdminApi api;
    private final BootstrapSecrets bootstrapSecrets;

    Deregistration(ServerReferences servers, ServiceConnections connections, AdminApi api,
            BootstrapSecrets bootstrapSecrets) {
        this.servers = servers;
        this.connections = connections;
        this.api = api;
        this.bootstrapSecrets = bootstrapSecrets;
    }

    /**
     * Revokes what the service holds for the device. Unknown to the service counts as done. A server that is gone or
     * being deleted takes its registrations with it: waiting for it would block the deletion of a namespace holding
     * both forever.
     *
     * @return empty when done, else why it has to be tried again
     */
    Optional<String> revoke(DeviceEnrollment enrollment) {
        String name = enrollment.getMetadata().getNamespace() + "/" + enrollment.getMetadata().getName();
        Optional<EstServer> server = servers.find(enrollment);
        String serverName = ServerReferences.serverNamespace(enrollment) + "/"
                + enrollment.getSpec().serverRef().name();
        if (server.isEmpty() || server.get().isMarkedForDeletion()) {
            LOG.warnf("DeviceEnrollment %s deleted without revocation: EstServer %s is gone", name, serverName);
            return Optional.empty();
        }
        Optional<ServiceConnection> service = connections.of(server.get());
        if (service.isEmpty()) {
            return Optional.of("EstServer " + serverName + " has not published its admin token and CA bundle");
        }
        RegistrationKey key = RegistrationKey.of(enrollment.getSpec());
        try {
            boolean revoked = api.deregister(service.get(), key.label(), key.identity());
            Optional<String> username = bootstrapSecrets.lastUsername(enrollment);
            if (username.isPresent()) {
                api.revokeBootstrapCredential(service.get(), username.get());
            }
            LOG.infof("DeviceEnrollment %s deleted: %s", name, revoked
                    ? "revoked the certificates of '" + key + "' in EstServer " + serverName
                    : "EstServer " + serverName + " did not know '" + key + "'");
            return Optional.empty();
        } catch (AdminApiException e) {
            return Optional.of(e.getMessage());
        }
    }
}
