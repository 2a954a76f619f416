package dev.estserver.operator.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * The Fabric8 mock API server standing in for Kubernetes for a packaged operator in its own process, with the CRDs
 * users install (src-crds/), a client of its own, and objects looked up by name as a real API server does
 * ({@link NameIndexedCrudDispatcher}).
 */
final class MockApiServer implements AutoCloseable {

    /**
     * The mock logs every request at INFO: tens of thousands of lines at scale. Held in a field, since the JDK keeps
     * loggers only weakly and would forget the level.
     */
    private static final Logger LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    static MockApiServer withCrds(Path root) throws IOException {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new NameIndexedCrudDispatcher(), false);
        server.init();
        MockApiServer api = new MockApiServer(server);
        for (String crd : List.of("estservers.estserver.dev-v1.yml", "deviceenrollments.estserver.dev-v1.yml")) {
            api.client.resource(Serialization.unmarshal(Files.readString(root.resolve("src-crds").resolve(crd)),
                    CustomResourceDefinition.class)).create();
        }
        return api;
    }

    KubernetesClient client() {
        return client;
    }

    /** What the operator's {@code quarkus.kubernetes-client.api-server-url} is. */
    String url() {
        return server.url("/");
    }

    /** The requests recorded so far; the mock keeps them until taken. */
    KubernetesMockServer recorder() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
