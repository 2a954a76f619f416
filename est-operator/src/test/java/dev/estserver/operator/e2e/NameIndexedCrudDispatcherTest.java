package dev.estserver.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/** The indexed mock answers as Fabric8's own: by name, across namespaces and kinds, after writes and deletes. */
class NameIndexedCrudDispatcherTest {

    private KubernetesMockServer server;
    private KubernetesClient kube;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new NameIndexedCrudDispatcher(), false);
        server.init();
        kube = server.createClient();
        IntStream.range(0, 50).forEach(i -> {
            kube.resource(configMap("a", "map-" + i, "a" + i)).create();
            kube.resource(configMap("b", "map-" + i, "b" + i)).create();
        });
    }

    @AfterEach
    void stop() {
        kube.close();
        server.destroy();
    }

    private static ConfigMap configMap(String namespace, String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withLabels(Map.of("group", namespace)).endMetadata().withData(Map.of("value", value)).build();
    }

    private String value(String namespace, String name) {
        ConfigMap map = kube.configMaps().inNamespace(namespace).withName(name).get();
        return map == null ? null : map.getData().get("value");
    }

    @Test
    void getsAnObjectByNamespaceAndName() {
        assertThat(value("a", "map-7")).isEqualTo("a7");
        assertThat(value("b", "map-7")).isEqualTo("b7");
        assertThat(value("a", "map-50")).isNull();
        assertThat(kube.secrets().inNamespace("a").withName("map-7").get()).as("another kind of that name").isNull();
    }

    @Test
    void refusesASecondObjectOfTheSameName() {
        assertThatThrownBy(() -> kube.resource(configMap("a", "map-3", "again")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(value("a", "map-3")).isEqualTo("a3");
    }

    @Test
    void seesEditsAndDeletes() {
        kube.configMaps().inNamespace("a").withName("map-5").edit(map -> {
            map.getData().put("value", "edited");
            return map;
        });
        kube.configMaps().inNamespace("a").withName("map-6").delete();

        assertThat(value("a", "map-5")).isEqualTo("edited");
        assertThat(value("a", "map-6")).isNull();
        assertThat(value("b", "map-6")).isEqualTo("b6");
        kube.resource(configMap("a", "map-6", "created again")).create();
        assertThat(value("a", "map-6")).isEqualTo("created again");
    }

    @Test
    void listsEveryObject() {
        assertThat(kube.configMaps().inNamespace("a").list().getItems()).hasSize(50);
        assertThat(kube.configMaps().inAnyNamespace().withLabel("group", "b").list().getItems()).hasSize(50);
        kube.configMaps().inNamespace("b").withName("map-1").delete();
        assertThat(kube.configMaps().inAnyNamespace().list().getItems()).hasSize(99);
    }
}
