package dev.estserver.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package structure, checked on the compiled classes: the packages depend on each other in one direction only,
 * and the protocols sit on top, each on its own, so that a new protocol is a new package beside {@code protocol.est}
 * that calls the same enrollment core.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.estserver.service";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void nothingOutsideTheProtocolsDependsOnOne() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".protocol..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".protocol..")
                .because("the enrollment core must not know which protocol carried a request").check(MAIN);
    }

    @Test
    void protocolsDoNotDependOnEachOther() {
        slices().matching(ROOT + ".protocol.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    /** ARCHITECTURE.md's package table is checked against these: each says what its package owns. */
    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (Stream<Path> tree = Files.walk(sources)) {
            List<Path> packages = tree.filter(Files::isDirectory).filter(ArchitectureTest::holdsClasses).toList();
            assertThat(packages).isNotEmpty()
                    .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).exists());
        }
    }

    private static boolean holdsClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
