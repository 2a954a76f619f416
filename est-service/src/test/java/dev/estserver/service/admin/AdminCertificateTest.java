package dev.estserver.service.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.AdminCa;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.ManufacturerCa;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestKeys;

/** Admin API calls authenticated by a TLS client certificate from the admin CA, whose OU names the role. */
@QuarkusTest
@QuarkusTestResource(AdminCa.class)
class AdminCertificateTest {

    @Inject
    Rejections rejections;

    private static AdminClient operator(String subject) {
        KeyPair keys = TestKeys.ecP256();
        return AdminClient.withCertificate(keys, AdminCa.issue(subject, keys));
    }

    @Test
    void anAuditorCertificateReadsButDoesNotChange() {
        AdminClient auditor = operator("CN=alice,OU=auditor,O=Acme");
        assertThat(auditor.get("devices?limit=1").statusCode()).isEqualTo(200);
        rejections.assertRejected(auditor.post("one-time-codes", "{}"), 403,
                "admin client certificate 'O=Acme,OU=auditor,CN=alice' has role auditor; "
                        + "admin.one-time-codes.issue requires role admin");
    }

    @Test
    void anAdminCertificateChanges() {
        assertThat(operator("CN=bob,OU=admin,O=Acme").post("one-time-codes", "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void aCertificateWithoutARoleIsRefused() {
        rejections.assertRejected(operator("CN=carol,O=Acme").get("devices"), 403,
                "must name exactly one role in its subject OU (admin or auditor), got []");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        KeyPair keys = TestKeys.ecP256();
        Instant now = Instant.now();
        AdminClient device = AdminClient.withCertificate(keys, ManufacturerCa.issue("CN=device,OU=admin", keys,
                now.minusSeconds(60), now.plusSeconds(3600)));
        rejections.assertRejected(device.get("devices"), 401, "not accepted for the admin API");
    }
}
