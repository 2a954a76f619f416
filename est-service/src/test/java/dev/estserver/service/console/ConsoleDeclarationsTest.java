package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;

import org.junit.jupiter.api.Test;

import dev.estserver.service.admin.AdminOperation;
import dev.estserver.service.store.AdminRole;

/**
 * What every console route declares, so that a new one cannot forget it: who may call it, the CSRF token of every
 * form, and for a change the admin API operation it performs (and is audited as).
 */
class ConsoleDeclarationsTest {

    /** Every resource class of the console package, read from the compiled classes. */
    private static List<Class<?>> pages() {
        try {
            Path classes = Path.of(ConsoleResource.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(ConsoleResource.class.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(classes)) {
                List<Class<?>> pages = new ArrayList<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(ConsoleResource.class.getPackageName() + "." + name);
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        pages.add(type);
                    }
                }
                return pages;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Method> routes(Class<? extends java.lang.annotation.Annotation> httpMethod) {
        return pages().stream().flatMap(page -> Arrays.stream(page.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(httpMethod)).toList();
    }

    /** Its refusals answer as pages only in the class that declares them: a second resource class would not. */
    @Test
    void oneResourceClassRoutesTheWholeConsole() {
        assertThat(pages()).containsExactly(ConsoleResource.class);
    }

    @Test
    void everyRouteSaysWhoMayCallIt() {
        for (Class<? extends java.lang.annotation.Annotation> http : List.of(GET.class, POST.class)) {
            assertThat(routes(http)).isNotEmpty().allSatisfy(method -> assertThat(
                    method.isAnnotationPresent(RolesAllowed.class) || method.isAnnotationPresent(PermitAll.class))
                    .as(method.getName()).isTrue());
        }
        assertThat(routes(GET.class).stream().filter(m -> m.isAnnotationPresent(PermitAll.class)).map(Method::getName))
                .containsExactly("signInPage");
    }

    @Test
    void everyFormCarriesTheCsrfToken() {
        assertThat(routes(POST.class)).allSatisfy(method -> assertThat(Arrays.stream(method.getParameters())
                .map(parameter -> parameter.getAnnotation(FormParam.class)).anyMatch(form -> form != null
                        && form.value().equals("csrf"))).as(method.getName()).isTrue());
    }

    @Test
    void everyChangeIsTheAdminApisOperationForAdminsOnly() {
        List<Method> changes = routes(POST.class).stream().filter(m -> m.isAnnotationPresent(RolesAllowed.class)
                && !m.getName().equals("signOut")).toList();
        assertThat(changes).isNotEmpty().allSatisfy(method -> {
            assertThat(method.getAnnotation(RolesAllowed.class).value()).as(method.getName())
                    .containsExactly(AdminRole.Names.ADMIN);
            assertThat(method.getAnnotation(AdminOperation.class).value()).as(method.getName()).startsWith("admin.");
        });
    }

    @Test
    void noFormParameterGoesUnnamed() {
        for (Method method : routes(POST.class)) {
            for (Parameter parameter : method.getParameters()) {
                assertThat(parameter.getAnnotations()).as(method.getName() + " " + parameter.getName()).isNotEmpty();
            }
        }
    }
}
