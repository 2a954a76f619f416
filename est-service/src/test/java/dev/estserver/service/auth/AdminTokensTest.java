package dev.estserver.service.auth;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.estserver.service.config.EstConfig;

/** Admin tokens are checked with the configuration at startup; each refusal names the property at fault. */
class AdminTokensTest {

    private static final String GOOD = "0123456789abcdef0123456789abcdef";

    /** A configuration whose only answer is the admin section. */
    private static EstConfig configWith(Map<String, String> adminTokens, Map<String, String> auditorTokens) {
        EstConfig.Admin admin = (EstConfig.Admin) Proxy.newProxyInstance(EstConfig.class.getClassLoader(),
                new Class<?>[] {EstConfig.Admin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "tokens" -> adminTokens;
                    case "auditorTokens" -> auditorTokens;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (EstConfig) Proxy.newProxyInstance(EstConfig.class.getClassLoader(), new Class<?>[] {EstConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("admin")) {
                        return admin;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    // The constructor only checks configuration; the throttle is used when a token is presented.

    @Test
    void acceptsAdminAndAuditorTokensUnderDifferentNames() {
        assertThatNoException().isThrownBy(() -> new AdminTokens(configWith(Map.of("ops", GOOD),
                Map.of("audit", GOOD + "x")), null));
    }

    @Test
    void refusesAShortAuditorTokenNamingItsProperty() {
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens(configWith(Map.of(),
                Map.of("audit", "short")), null)).withMessage("est.admin.auditor-tokens.audit must be at least 32 "
                + "characters of random, got 5");
    }

    @Test
    void refusesOneNameUnderBothRoles() {
        assertThatIllegalStateException().isThrownBy(() -> new AdminTokens(configWith(Map.of("ops", GOOD),
                Map.of("ops", GOOD)), null)).withMessageContaining("est.admin.auditor-tokens.ops and est.admin.tokens.ops "
                + "name the same token");
    }
}
