package dev.estserver.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import dev.estserver.service.ca.KeyRequirement;
import dev.estserver.service.support.TestProfiles;

/** Configuration errors must name the exact property to fix: the service refuses to start on them. */
class ProfileParserTest {

    private static Profile parse(String... properties) {
        return ProfileParser.parse("devices", TestProfiles.config(properties));
    }

    private static void assertInvalid(String[] properties, String... messageFragments) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(properties))
                .withMessageContainingAll(messageFragments);
    }

    private static String[] props(String... keysAndValues) {
        return keysAndValues;
    }

    @Test
    void parsesTheDefaults() {
        Profile profile = parse();
        assertThat(profile.name()).isEqualTo("devices");
        assertThat(profile.issuingCa()).isEqualTo("default");
        assertThat(profile.certificate().validity()).isEqualTo(Duration.ofDays(365));
        assertThat(profile.certificate().keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        assertThat(profile.certificate().extendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth);
        assertThat(profile.allowedKeys()).map(KeyRequirement::toString)
                .containsExactly("RSA >= 2048 bits", "EC P-256", "EC P-384", "Ed25519");
        assertThat(profile.duplicateDevice()).isEqualTo(DuplicateDevicePolicy.REJECT);
        assertThat(profile.subject().isEmpty()).isTrue();
        assertThat(profile.san().isEmpty()).isTrue();
        assertThat(profile.authMethods())
                .containsExactlyInAnyOrder(AuthMethod.BASIC, AuthMethod.CLIENT_CERTIFICATE, AuthMethod.ONE_TIME_CODE);
        assertThat(profile.serverKeygen()).isEqualTo(new ServerKeygenPolicy(false, Optional.empty()));
        assertThat(profile.approval()).isEqualTo(new ApprovalPolicy(false, Duration.ofSeconds(60), Duration.ofDays(7)));
        assertThat(profile.channelBinding()).isFalse();
        assertThat(profile.changeSubjectName()).isFalse();
        assertThat(profile.csrAttrs()).isEqualTo(CsrAttrsForm.LEGACY);
    }

    @Test
    void valuesAreCaseInsensitiveAndTrimmed() {
        Profile profile = parse("key-usage", " Digital-Signature, KEY-AGREEMENT ",
                "extended-key-usage", "Server-Auth , client-auth", "duplicate-device", " Replace ",
                "auth-methods", "BASIC", "csrattrs", "Template");
        assertThat(profile.certificate().keyUsage()).isEqualTo(KeyUsage.digitalSignature | KeyUsage.keyAgreement);
        assertThat(profile.certificate().extendedKeyUsage())
                .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertThat(profile.duplicateDevice()).isEqualTo(DuplicateDevicePolicy.REPLACE);
        assertThat(profile.authMethods()).containsExactly(AuthMethod.BASIC);
        assertThat(profile.csrAttrs()).isEqualTo(CsrAttrsForm.TEMPLATE);
    }

    @Test
    void parsesSubjectAndSanRulesToCanonicalNames() {
        Profile profile = parse("subject.required", "cn", "subject.allowed", "CN,o,2.5.4.11",
                "subject.forbidden", "emailAddress", "subject.patterns.cn", "[a-z0-9-]+",
                "san.required", "DNS", "san.patterns.dns", "*.plant-a.example");
        assertThat(profile.subject().required()).containsExactly("CN");
        assertThat(profile.subject().allowed()).contains(Set.of("CN", "O", "OU"));
        assertThat(profile.subject().forbidden()).containsExactly("E");
        assertThat(profile.subject().patterns()).containsOnlyKeys("CN");
        assertThat(profile.subject().property()).isEqualTo("est.profiles.devices.subject");
        assertThat(profile.san().required()).containsExactly("dns");
        assertThat(profile.san().patterns().get("dns").matches("robot-7.plant-a.example")).isTrue();
    }

    @Test
    void parsesFeatureSwitches() {
        Profile profile = parse("serverkeygen.enabled", "true", "serverkeygen.key", "ec-p384",
                "channel-binding", "true", "change-subject-name", "true", "issuing-ca", " second ");
        assertThat(profile.serverKeygen().enabled()).isTrue();
        assertThat(profile.serverKeygen().key()).map(KeyRequirement::toString).contains("EC P-384");
        assertThat(parse("approval.required", "true", "approval.retry-after", "PT5S", "approval.expire-after", "PT1H")
                .approval()).isEqualTo(new ApprovalPolicy(true, Duration.ofSeconds(5), Duration.ofHours(1)));
        assertThat(profile.channelBinding()).isTrue();
        assertThat(profile.changeSubjectName()).isTrue();
        assertThat(profile.issuingCa()).isEqualTo("second");
    }

    @Test
    void rejectsUnknownKeyUsageNamingTheProperty() {
        assertInvalid(props("key-usage", "digital-signature,key-cert-sign"),
                "est.profiles.devices.key-usage: unknown value 'key-cert-sign'", "digital-signature");
    }

    @Test
    void rejectsUnknownExtendedKeyUsageNamingTheProperty() {
        assertInvalid(props("extended-key-usage", "client-auth,any"),
                "est.profiles.devices.extended-key-usage: unknown value 'any'", "client-auth");
    }

    @Test
    void rejectsUnknownDuplicateDevicePolicyNamingTheProperty() {
        assertInvalid(props("duplicate-device", "ignore"),
                "est.profiles.devices.duplicate-device: expected one of [reject, allow, replace], got 'ignore'");
    }

    @Test
    void rejectsWeakRsaInAllowedKeysNamingTheProperty() {
        assertInvalid(props("allowed-keys", "ec-p256,rsa-1024"),
                "est.profiles.devices.allowed-keys: RSA keys below 2048 bits are never accepted, got rsa-1024");
    }

    @Test
    void rejectsUnknownAllowedKeyNamingTheProperty() {
        assertInvalid(props("allowed-keys", "ec-p224"),
                "est.profiles.devices.allowed-keys: unknown key kind 'ec-p224'");
    }

    @Test
    void rejectsZeroValidityNamingTheProperty() {
        assertInvalid(props("validity", "PT0S"), "est.profiles.devices.validity must be positive, got PT0S");
    }

    @Test
    void rejectsNegativeValidity() {
        assertInvalid(props("validity", "-P1D"), "est.profiles.devices.validity must be positive");
    }

    @Test
    void rejectsUnknownSubjectAttributeNamingTheProperty() {
        assertInvalid(props("subject.required", "CN,colour"),
                "est.profiles.devices.subject: unknown subject attribute 'colour'");
    }

    @Test
    void rejectsUnknownSanTypeNamingTheProperty() {
        assertInvalid(props("san.allowed", "dns,phone"),
                "est.profiles.devices.san: unknown subjectAltName type 'phone'");
    }

    @Test
    void rejectsInvalidPatternNamingTheProperty() {
        assertInvalid(props("subject.patterns.CN", "[a-z"), "est.profiles.devices.subject.patterns.CN:",
                "neither a DNS wildcard");
    }

    @Test
    void rejectsUnknownAuthMethodNamingTheProperty() {
        assertInvalid(props("auth-methods", "basic,kerberos"),
                "est.profiles.devices.auth-methods: unknown value 'kerberos'");
    }

    @Test
    void rejectsUnknownServerKeygenKeyNamingTheProperty() {
        assertInvalid(props("serverkeygen.key", "dsa-1024"), "est.profiles.devices.serverkeygen.key: unknown key kind");
    }

    @Test
    void rejectsServerKeygenKeyOutsideAllowedKeysNamingBothProperties() {
        assertInvalid(props("allowed-keys", "ec-p256,rsa-3072", "serverkeygen.key", "rsa-2048"),
                "est.profiles.devices.serverkeygen.key: RSA >= 2048 bits is not one of the kinds in "
                        + "est.profiles.devices.allowed-keys [EC P-256, RSA >= 3072 bits]");
    }

    @Test
    void acceptsServerKeygenKeyThatAnAllowedKindCovers() {
        assertThat(parse("allowed-keys", "rsa-2048", "serverkeygen.key", "rsa-4096").serverKeygen().key())
                .map(KeyRequirement::toString).contains("RSA >= 4096 bits");
    }

    /** A pending request would have to keep the generated private key until an operator decides. */
    @Test
    void rejectsServerKeygenTogetherWithApprovalNamingBothProperties() {
        assertInvalid(props("serverkeygen.enabled", "true", "approval.required", "true"),
                "est.profiles.devices.serverkeygen.enabled=true cannot be combined with "
                        + "est.profiles.devices.approval.required=true", "private keys are never stored");
    }

    /** Polls resend the first CSR, whose binding is to a connection that is gone by then. */
    @Test
    void rejectsChannelBindingTogetherWithApprovalNamingBothProperties() {
        assertInvalid(props("channel-binding", "true", "approval.required", "true"),
                "est.profiles.devices.channel-binding=true cannot be combined with "
                        + "est.profiles.devices.approval.required=true", "valid only on the TLS connection");
    }

    @Test
    void rejectsUnknownCsrAttrsFormNamingTheProperty() {
        assertInvalid(props("csrattrs", "full"),
                "est.profiles.devices.csrattrs: expected one of [template, legacy, none], got 'full'");
    }

    @Test
    void rejectsZeroApprovalRetryAfterNamingTheProperty() {
        assertInvalid(props("approval.retry-after", "PT0S"),
                "est.profiles.devices.approval.retry-after must be positive");
    }
}
