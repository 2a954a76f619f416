package dev.estserver.service.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.Pkcs7;
import dev.estserver.service.support.Rejections;
import dev.estserver.service.support.TestCertificates;
import dev.estserver.service.support.TestKeys;

/** Per-label profile rules applied by the running service: names, keys, duplicates, renaming on re-enrollment. */
@QuarkusTest
class ProfilePoliciesTest {

    @Inject
    Database database;

    @Inject
    Rejections rejections;

    private final EstClient client = EstClient.anonymous();

    private static String device() {
        return "dev-" + UUID.randomUUID();
    }


    /** The ChangeSubjectName attribute, subjectAlt tagged [1] as RFC 6402 erratum 3943 has it. */
    private static Attribute changeSubjectName(String newSubject, String newDnsName) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new X500Name(newSubject));
        if (newDnsName != null) {
            fields.add(new DERTaggedObject(false, 1,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, newDnsName))));
        }
        return Csrs.attribute(SubjectNameChange.OID, new DERSequence(fields));
    }

    @Test
    void iotLabelIssuesThirtyDayCertificatesToMatchingEcdsaCsrs() {
        X509Certificate cert = client.enrolled("iot", Csrs.csr(TestKeys.ecP256(), "CN=robot-" + UUID.randomUUID()));
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertThat(validity).isBetween(Duration.ofDays(30), Duration.ofDays(30).plusMinutes(6));
    }

    @Test
    void iotLabelRejectsACommonNameOutsideItsPatternNamingTheRule() {
        rejections.assertRejected(client.enroll("iot", Csrs.csr(TestKeys.ecP256(), "CN=Robot_7")), 400,
                "CSR subject violates the profile: CN 'Robot_7' does not match '[a-z0-9-]+' "
                        + "(est.profiles.iot.subject.patterns.CN)", "CSR subject: CN=Robot_7");
    }

    @Test
    void iotLabelRejectsAMissingCommonNameAndRsaKeys() {
        rejections.assertRejected(client.enroll("iot", Csrs.csr(TestKeys.ecP256(), "O=Acme", "robot.example")), 400,
                "CN is required (est.profiles.iot.subject.required)");
        rejections.assertRejected(client.enroll("iot", Csrs.csr(TestKeys.rsa(2048), "CN=robot-rsa")), 400,
                "CSR key not allowed by profile 'iot'", "allowed: [EC P-256, EC P-384]");
    }

    @Test
    void replaceLabelRevokesThePreviousCertificateAsSuperseded() {
        String name = device();
        X509Certificate first = client.enrolled("replace", Csrs.csr(TestKeys.ecP256(), "CN=" + name));
        X509Certificate second = client.enrolled("replace", Csrs.csr(TestKeys.ecP256(), "CN=" + name));

        String firstSerial = TestCertificates.serial(first);
        String secondSerial = TestCertificates.serial(second);
        assertThat(database.single("select status from certificate where serial = ?", firstSerial))
                .isEqualTo("REVOKED");
        assertThat(database.single("select revocation_reason from certificate where serial = ?", firstSerial))
                .isEqualTo(4);
        assertThat(database.single("select replaces_serial from certificate where serial = ?", secondSerial))
                .isEqualTo(firstSerial);
        assertThat(database.single("select current_certificate_serial from device where identity = ?", name))
                .isEqualTo(secondSerial);
    }

    @Test
    void reenrollmentRenamesTheDeviceWithChangeSubjectNameWhereTheLabelAllowsIt() throws Exception {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled("rename", Csrs.csr(keys, "CN=" + name, name + ".example"));
        String newName = "renamed-" + name;

        X509Certificate renamed = Pkcs7.single(EstClient.withCertificate(keys, cert).reenroll("rename", Csrs.csr(keys,
                "CN=" + name, List.of(changeSubjectName("CN=" + newName, newName + ".example")), name + ".example"))
                .body());

        assertThat(renamed.getSubjectX500Principal().getName()).isEqualTo("CN=" + newName);
        assertThat(renamed.getSubjectAlternativeNames()).containsExactly(List.of(2, newName + ".example"));
        assertThat(database.single("select identity from device where current_certificate_serial = ?",
                TestCertificates.serial(renamed))).isEqualTo(newName);
    }

    @Test
    void changeSubjectNameIsRefusedWhereTheLabelDoesNotAllowIt() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled(null, Csrs.csr(keys, "CN=" + name));
        rejections.assertRejected(EstClient.withCertificate(keys, cert).reenroll(null, Csrs.csr(keys, "CN=" + name,
                List.of(changeSubjectName("CN=other", null)))), 403,
                "ChangeSubjectName",
                "label 'default' does not permit it (est.profiles.default.change-subject-name=false)");
    }

    @Test
    void renamingOntoAnotherDeviceOfTheLabelIsAConflict() {
        String name = device();
        String taken = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled("rename", Csrs.csr(keys, "CN=" + name));
        client.enrolled("rename", Csrs.csr(TestKeys.ecP256(), "CN=" + taken));
        rejections.assertRejected(EstClient.withCertificate(keys, cert).reenroll("rename", Csrs.csr(keys,
                "CN=" + name, List.of(changeSubjectName("CN=" + taken, null)))), 409,
                "cannot rename device '" + name + "' to '" + taken + "': a device of that identity already exists "
                        + "under label 'rename'");
    }

    @Test
    void newNameMustFollowTheLabelsSubjectRules() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled("rename", Csrs.csr(keys, "CN=" + name));
        rejections.assertRejected(EstClient.withCertificate(keys, cert).reenroll("rename", Csrs.csr(keys,
                "CN=" + name, List.of(changeSubjectName("CN=Not Allowed", null)))), 400,
                "CN 'Not Allowed' does not match '[a-z0-9-]+' (est.profiles.rename.subject.patterns.CN)");
    }

    @Test
    void csrMustStillCarryTheCurrentNamesWhenAskingForNewOnes() {
        String name = device();
        KeyPair keys = TestKeys.ecP256();
        X509Certificate cert = client.enrolled("rename", Csrs.csr(keys, "CN=" + name));
        rejections.assertRejected(EstClient.withCertificate(keys, cert).reenroll("rename", Csrs.csr(keys,
                "CN=new-" + name, List.of(changeSubjectName("CN=new-" + name, null)))), 403,
                "re-enrollment CSR subject 'CN=new-" + name + "' differs from the subject of the certificate");
    }
}
