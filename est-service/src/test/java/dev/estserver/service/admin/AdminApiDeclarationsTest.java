package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

/**
 * Every admin API method says who may call it, on the method itself: an endpoint without {@code @RolesAllowed},
 * {@code @PermitAll} or {@code @DenyAll} would be open to anyone, as Quarkus checks only what is declared. Each also
 * names its operation for the audit. Every resource class of the service whose path is under /api/v1 is scanned.
 */
class AdminApiDeclarationsTest {

    private static final String ADMIN_API = "/api/v1";
    private static final String SERVICE_PACKAGE = "dev.estserver.service";

    /** The resource methods (HTTP method or sub-resource locator) of every resource class under /api/v1. */
    private static List<Method> adminApiMethods() {
        return serviceClasses()
                .filter(type -> type.isAnnotationPresent(jakarta.ws.rs.Path.class)
                        && type.getAnnotation(jakarta.ws.rs.Path.class).value().startsWith(ADMIN_API))
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(AdminApiDeclarationsTest::isResourceMethod)
                .toList();
    }

    private static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(jakarta.ws.rs.Path.class) || Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    /** The compiled main classes of the service, from the directory the admin classes were loaded from. */
    private static Stream<Class<?>> serviceClasses() {
        try {
            Path classes = Path.of(AdminExchange.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(classes.resolve(SERVICE_PACKAGE.replace('.', '/')))) {
                return files.filter(file -> file.toString().endsWith(".class"))
                        .map(file -> classes.relativize(file).toString().replace(".class", "").replace('/', '.'))
                        .map(AdminApiDeclarationsTest::load).toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AdminApiDeclarationsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void findsTheAdminApi() {
        assertThat(adminApiMethods()).extracting(method -> method.getDeclaringClass().getSimpleName())
                .contains("DevicesResource", "CertificatesResource", "EventsResource", "StatsResource",
                        "ApprovalsResource", "OneTimeCodesResource", "RegistrationsResource",
                        "BootstrapCredentialsResource");
    }

    @Test
    void everyAdminApiMethodDeclaresWhoMayCallIt() {
        assertThat(adminApiMethods()).filteredOn(method -> !method.isAnnotationPresent(RolesAllowed.class)
                && !method.isAnnotationPresent(PermitAll.class) && !method.isAnnotationPresent(DenyAll.class))
                .as("admin API methods without @RolesAllowed, @PermitAll or @DenyAll").isEmpty();
    }

    @Test
    void everyAdminApiMethodNamesItsOperation() {
        assertThat(adminApiMethods()).filteredOn(method -> !method.isAnnotationPresent(AdminOperation.class))
                .as("admin API methods without @AdminOperation").isEmpty();
    }
}
