package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

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

    private static List<Method> routes(Class<? extends java.lang.annotation.Annotation> httpMethod) {
        return Arrays.stream(ConsoleResource.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(httpMethod)).toList();
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
