package dev.estserver.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The CRDs in {@code src-crds/} are what users apply, so they must be exactly what the Java types generate; the
 * install kustomization holds a copy in {@code deploy/operator/crds/} (kustomize loads nothing outside its
 * directory). After changing the types, run {@code make crds} (this test with {@code -Dcrds.update=true}) and commit
 * the result.
 */
class CrdFreshnessTest {

    private static final List<Path> COMMITTED = List.of(Path.of("..", "src-crds"),
            Path.of("..", "deploy", "operator", "crds"));
    private static final List<Class<? extends HasMetadata>> RESOURCES = List.of(EstServer.class,
            DeviceEnrollment.class);
    private static final List<String> FILES = RESOURCES.stream().map(CrdFreshnessTest::fileOf).toList();

    @TempDir
    static Path generated;

    @BeforeAll
    static void generate() throws IOException {
        new CRDGenerator().inOutputDir(generated.toFile()).forCRDVersions("v1")
                .withPostProcessor(new PrinterColumnsInDeclarationOrder(RESOURCES))
                .customResourceClasses(RESOURCES).generate();
        if (Boolean.getBoolean("crds.update")) {
            for (Path directory : COMMITTED) {
                for (String file : FILES) {
                    Files.copy(generated.resolve(file), directory.resolve(file),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void committedCrdsMatchTheJavaTypes() throws IOException {
        for (Path directory : COMMITTED) {
            for (String file : FILES) {
                assertThat(directory.resolve(file))
                        .as(directory + "/" + file + " is stale: run `make crds` and commit it")
                        .hasContent(Files.readString(generated.resolve(file)));
            }
        }
    }

    @Test
    void printerColumnsAreInTheOrderTheClassDeclaresThem() throws IOException {
        for (Class<? extends HasMetadata> resource : RESOURCES) {
            assertThat(printerColumns(fileOf(resource))).extracting(CustomResourceColumnDefinition::getName)
                    .containsExactlyElementsOf(Stream.of(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                            .map(AdditionalPrinterColumn::name).toList());
        }
    }

    /** As kubectl shows Kubernetes' own kinds: the state first, the age last, and what -o wide adds after it. */
    @Test
    void readyIsTheFirstColumnAndAgeTheLastWithoutWide() throws IOException {
        for (String file : FILES) {
            List<CustomResourceColumnDefinition> columns = printerColumns(file);
            List<String> plain = columns.stream().filter(column -> column.getPriority() == 0)
                    .map(CustomResourceColumnDefinition::getName).toList();
            assertThat(plain).as(file).startsWith("Ready").endsWith("Age");
            assertThat(columns.subList(0, plain.size())).as(file + ": -o wide columns come after Age")
                    .allMatch(column -> column.getPriority() == 0);
        }
    }

    @Test
    void everyFieldOfOurOwnTypesIsDescribed() throws IOException {
        for (String file : FILES) {
            JSONSchemaProps root = crd(file).getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
            List<String> undescribed = new ArrayList<>();
            collectUndescribed("", root.getProperties(), undescribed);
            assertThat(undescribed).as(file + ": fields without a description").isEmpty();
        }
    }

    @Test
    void crossFieldRulesAreCel() throws IOException {
        String estServers = Files.readString(generated.resolve(FILES.getFirst()));
        assertThat(estServers).contains("has(self.secretRef) != has(self.generate)", "has(self.url) != has(self.host)");
    }

    private static String fileOf(Class<? extends HasMetadata> resource) {
        return CRDGenerator.getOutputName(CustomResource.getCRDName(resource), "v1") + ".yml";
    }

    private static CustomResourceDefinition crd(String file) throws IOException {
        return Serialization.unmarshal(Files.readString(generated.resolve(file)), CustomResourceDefinition.class);
    }

    private static List<CustomResourceColumnDefinition> printerColumns(String file) throws IOException {
        return crd(file).getSpec().getVersions().getFirst().getAdditionalPrinterColumns();
    }

    /** Kubernetes' own types (resources, conditions) are described by Kubernetes; ours must be described here. */
    private static void collectUndescribed(String path, Map<String, JSONSchemaProps> properties, List<String> out) {
        if (properties == null) {
            return;
        }
        properties.forEach((name, schema) -> {
            String field = path.isEmpty() ? name : path + "." + name;
            if (schema.getDescription() == null || schema.getDescription().isBlank()) {
                out.add(field);
            }
            if (!List.of("resources", "conditions", "metadata").contains(name)) {
                collectUndescribed(field, schema.getProperties(), out);
                if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
                    collectUndescribed(field + ".*", schema.getAdditionalProperties().getSchema().getProperties(),
                            out);
                }
            }
        });
    }
}
