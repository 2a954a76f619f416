package dev.estserver.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * Puts a CRD's printer columns in the order their {@link AdditionalPrinterColumn} annotations are declared on the
 * custom resource class. kubectl prints the columns in CRD order, but the Fabric8 generator collects them in a map
 * sorted by JSON path, which printed AGE first and READY in the middle.
 */
final class PrinterColumnsInDeclarationOrder implements CRDPostProcessor {

    private final Map<String, Class<? extends HasMetadata>> resourcesByCrdName;

    PrinterColumnsInDeclarationOrder(List<Class<? extends HasMetadata>> resources) {
        resourcesByCrdName = resources.stream().collect(Collectors.toMap(CustomResource::getCRDName,
                Function.identity()));
    }

    /** Only v1 CRDs are generated, so the resource is always a v1 CustomResourceDefinition. */
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        Class<? extends HasMetadata> resource = resourcesByCrdName.get(crd.getMetadata().getName());
        List<AdditionalPrinterColumn> declared = List.of(resource.getAnnotationsByType(AdditionalPrinterColumn.class));
        for (CustomResourceDefinitionVersion version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(inDeclarationOrder(resource, declared,
                    version.getAdditionalPrinterColumns()));
        }
        return crd;
    }

    /**
     * @throws IllegalStateException when the generated columns are not exactly the declared ones: the generator keeps
     *                               one column per JSON path, and adds columns annotated on fields
     */
    private static List<CustomResourceColumnDefinition> inDeclarationOrder(Class<?> resource,
            List<AdditionalPrinterColumn> declared, List<CustomResourceColumnDefinition> generated) {
        Map<String, CustomResourceColumnDefinition> byPath = generated.stream()
                .collect(Collectors.toMap(CustomResourceColumnDefinition::getJsonPath, Function.identity()));
        List<String> declaredPaths = declared.stream().map(AdditionalPrinterColumn::jsonPath).toList();
        if (declaredPaths.size() != byPath.size() || !byPath.keySet().containsAll(declaredPaths)) {
            throw new IllegalStateException(resource.getSimpleName() + " declares the printer columns "
                    + declaredPaths + " but the generator made " + byPath.keySet()
                    + ": declare every column on the class, each with a JSON path of its own");
        }
        return declaredPaths.stream().map(byPath::get).toList();
    }
}
