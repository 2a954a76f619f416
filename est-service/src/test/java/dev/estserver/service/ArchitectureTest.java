package dev.estserver.service;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;

/**
 * The package structure, checked on the compiled classes. The packages must not depend on each other in a cycle,
 * except through the dependencies listed in {@link #KNOWN_CYCLES}, which issue 17 removes one by one (a neutral
 * enrollment context instead of EST's exchange, and so on): the list may only shrink. A new cycle fails here.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.estserver.service";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    /** Package dependencies that close a cycle today, each with what closes it. */
    private static final List<Dependency> KNOWN_CYCLES = List.of(
            new Dependency("auth", "enrollment", "EstExchange and DeviceIdentity, used by Authenticator and "
                    + "CredentialRestrictions"),
            new Dependency("revocation", "enrollment", "EstExchange, used by CrlResource and OcspResource"),
            new Dependency("revocation", "est", "EstMediaTypes, used by OcspResource"),
            new Dependency("policy", "auth", "AuthMethod, named by profiles"),
            new Dependency("ca", "policy", "CsrKey and KeyRequirement, used to build and check keys"));

    private record Dependency(String from, String to, String through) {
    }

    @Test
    void packagesHaveNoCyclesBeyondTheKnownOnes() {
        SliceRule rule = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
        for (Dependency known : KNOWN_CYCLES) {
            rule = rule.ignoreDependency(resideInAPackage(ROOT + "." + known.from() + ".."),
                    resideInAPackage(ROOT + "." + known.to() + ".."));
        }
        rule.because("a new package cycle must not appear; the known ones, to be removed: " + KNOWN_CYCLES.stream()
                .map(known -> known.from() + " -> " + known.to() + " (" + known.through() + ")").toList())
                .check(MAIN);
    }
}
