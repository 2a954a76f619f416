package dev.estserver.service.enrollment;

import static dev.estserver.service.support.Rejected.assertRejected;
import static dev.estserver.service.support.TestCa.dns;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.CertificateIssuer;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.ca.SelfSignedCa;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.context.Caller;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.policy.DuplicateDevicePolicy;
import dev.estserver.service.policy.ParsedProfiles;
import dev.estserver.service.policy.Profile;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Device;
import dev.estserver.service.support.CountingSigner;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.SettableClock;
import dev.estserver.service.support.TestCa;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestProfiles;

/**
 * The enrollment core on its own, with a fake store, fake approvals, a real CA in this process and a clock set by
 * hand: which path an enrollment takes to the store, what certificate it gets, and that each costs one signature at
 * most. The HTTPS tests of each protocol show the same against the database.
 */
class EnrollmentServiceTest {

    private static final String LABEL = "iot";
    private static final String DEVICE = "dev-1";
    private static final KeyPair CA_KEYS = TestKeys.ecP256();
    /** Outlives every certificate here, so that no validity is cut short at the CA's notAfter. */
    private static final X509Certificate CA_CERT = TestCa.x509(
            SelfSignedCa.create(new X500Name("CN=Enrollment Unit Test CA"), CA_KEYS, Duration.ofDays(3650)));
    /** The device's certificate that re-enrollments renew; issued outside the counted CA. */
    private static final X509Certificate CURRENT = TestCa.issue(IssuingCa.of(CA_KEYS.getPrivate(), List.of(CA_CERT)),
            TestProfiles.defaults(), TestCa.request("CN=" + DEVICE, dns(DEVICE + ".example")));
    private static final Profile DEFAULTS = profile();

    private final CountingSigner signer = new CountingSigner(CA_KEYS.getPrivate());
    private final CertificateAuthorities authorities = new CertificateAuthorities(
            Map.of("default", IssuingCa.of(signer, List.of(CA_CERT))));
    /** The probe signature that checks the key against the certificate is not counted. */
    private final int signedBefore = signer.signatures();
    private final FakeStore store = new FakeStore();
    private final FakeApprovals approvals = new FakeApprovals();
    private final SettableClock clock = new SettableClock();
    private final EnrollmentService service = new EnrollmentService(authorities, store, approvals, clock);

    private static Profile profile(String... keysAndValues) {
        return ParsedProfiles.parse(LABEL, keysAndValues);
    }

    private static PKCS10CertificationRequest csr() {
        return Csrs.csr(TestKeys.ecP256(), "CN=" + DEVICE, DEVICE + ".example");
    }

    private static EnrollmentContext context(String operation, Caller caller) {
        EnrollmentContext context = new EnrollmentContext();
        context.at(operation, LABEL);
        context.authenticated(caller);
        return context;
    }

    private static Caller bootstrap() {
        return Caller.basic("bootstrap", OptionalLong.empty());
    }

    /** A device an operator registered, which holds no certificate yet. */
    private static KnownDevice registered(Optional<Duration> validity) {
        return new KnownDevice(Device.Status.PENDING, null,
                new DeviceRegistration(LABEL, DEVICE, Optional.empty(), validity));
    }

    private static KnownDevice enrolled(Device.Status status) {
        return new KnownDevice(status, "0A", new DeviceRegistration(LABEL, DEVICE, Optional.empty(),
                Optional.empty()));
    }

    private EnrollmentOutcome enroll(Profile profile, Caller caller) {
        return enroll(profile, caller, csr());
    }

    private EnrollmentOutcome enroll(Profile profile, Caller caller, PKCS10CertificationRequest csr) {
        return service.enroll(context("simpleenroll", caller), profile, csr);
    }

    private X509CertificateHolder reenroll(Profile profile, PKCS10CertificationRequest csr) {
        Caller caller = Caller.clientCertificate(CURRENT);
        return holder(service.reenroll(context("simplereenroll", caller), profile, caller, csr));
    }

    /** A renewal CSR that keeps the current names and asks for the subject {@code newSubject}. */
    private static PKCS10CertificationRequest renaming(String newSubject) {
        return Csrs.csr(TestKeys.ecP256(), "CN=" + DEVICE, List.of(Csrs.attribute(SubjectNameChange.OID,
                new DERSequence(new X500Name(newSubject)))), DEVICE + ".example");
    }

    /** The certificate the client gets, as it gets it. */
    private static X509CertificateHolder issued(EnrollmentOutcome outcome) {
        assertThat(outcome).isInstanceOf(EnrollmentOutcome.Issued.class);
        return holder(((EnrollmentOutcome.Issued) outcome).certificate());
    }

    private static X509CertificateHolder holder(IssuedCertificate certificate) {
        try {
            return new X509CertificateHolder(certificate.der());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private int signaturesMade() {
        return signer.signatures() - signedBefore;
    }

    private void assertNothingReadOrSigned() {
        assertThat(store.calls).as("store calls").isEmpty();
        assertThat(approvals.asked).as("admissions").isEmpty();
        assertThat(signaturesMade()).as("signatures").isZero();
    }

    @Test
    void firstEnrollmentOfAnUnknownDeviceTakesTheFastPath() {
        X509CertificateHolder certificate = issued(enroll(profile("validity", "P30D"), bootstrap()));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE), new First(certificate));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(Duration.ofDays(30)));
        assertThat(certificate.getSubject()).isEqualTo(new X500Name("CN=" + DEVICE));
        assertThat(approvals.asked).as("admissions on a profile without approval").isEmpty();
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void unknownDeviceThatExistsAfterAllTakesTheGeneralPathWithTheSameCertificate() {
        store.firstEnrollmentFindsTheDevice = true;

        X509CertificateHolder certificate = issued(enroll(DEFAULTS, bootstrap()));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE), new First(certificate),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.empty()));
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void existingDeviceTakesTheGeneralPathWithoutTryingTheFastPath() {
        store.device = Optional.of(registered(Optional.empty()));

        X509CertificateHolder certificate = issued(enroll(DEFAULTS, bootstrap()));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.empty()));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(Duration.ofDays(365)));
        assertThat(signaturesMade()).isOne();
    }

    @ParameterizedTest(name = "registered {0}, profile P365D: {1}")
    @CsvSource({"P10D, P10D", "P400D, P365D"})
    void theShorterOfRegisteredAndProfileValidityApplies(Duration registered, Duration expected) {
        store.device = Optional.of(registered(Optional.of(registered)));

        X509CertificateHolder certificate = issued(enroll(DEFAULTS, bootstrap()));

        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(expected));
        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.empty()));
        assertThat(signaturesMade()).isOne();
    }

    static Stream<Caller> singleUseCredentials() {
        return Stream.of(Caller.basic("bootstrap-once", OptionalLong.of(7)), Caller.oneTimeCode(8));
    }

    /** The credential is used up in the transaction that records the certificate, which only the general path has. */
    @ParameterizedTest
    @MethodSource("singleUseCredentials")
    void singleUseCredentialTakesTheGeneralPathEvenForAnUnknownDevice(Caller caller) {
        X509CertificateHolder certificate = issued(enroll(DEFAULTS, caller));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.empty()));
        assertThat(store.singleUseCredentials).containsExactly(caller.singleUseCredential());
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void waitingForApprovalAnswersPendingWithTheProfilesRetryAfterAndSignsNothing() {
        approvals.answer = new Admission.Waiting("stored for manual approval (request 12)");

        EnrollmentOutcome outcome = enroll(profile("approval.required", "true", "approval.retry-after", "PT90S"),
                bootstrap());

        assertThat(outcome).isEqualTo(new EnrollmentOutcome.Pending(Duration.ofSeconds(90),
                "stored for manual approval (request 12)"));
        assertThat(approvals.asked).hasSize(1);
        assertThat(store.calls).isEmpty();
        assertThat(signaturesMade()).isZero();
    }

    /** A poll whose earlier answer the client lost gets the same certificate again, not a second one. */
    @Test
    void requestIssuedOnAnEarlierPollGetsThatCertificateWithoutSigning() throws Exception {
        IssuedCertificate earlier = new IssuedCertificate(SerialNumbers.toHex(CURRENT.getSerialNumber()),
                CURRENT.getEncoded());
        approvals.answer = new Admission.Issued(earlier);

        EnrollmentOutcome outcome = enroll(profile("approval.required", "true"), bootstrap());

        assertThat(outcome).isEqualTo(new EnrollmentOutcome.Issued(earlier));
        assertThat(store.calls).isEmpty();
        assertThat(signaturesMade()).isZero();
    }

    @Test
    void approvedRequestTakesTheGeneralPathNamingTheRequest() {
        approvals.answer = new Admission.Approved(12);

        X509CertificateHolder certificate = issued(enroll(profile("approval.required", "true"), bootstrap()));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.of(12L)));
        assertThat(signaturesMade()).isOne();
    }

    @ParameterizedTest
    @EnumSource(DuplicateDevicePolicy.class)
    void theProfilesDuplicateDevicePolicyIsWhatTheStoreApplies(DuplicateDevicePolicy policy) {
        store.device = Optional.of(registered(Optional.empty()));

        Profile profile = profile("duplicate-device", policy.name().toLowerCase(Locale.ROOT));

        X509CertificateHolder certificate = issued(enroll(profile, bootstrap()));

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(policy, certificate, Optional.empty()));
    }

    /** A CA whose key is in this process, where a signature made in vain costs nothing. */
    private EnrollmentService withKeyInProcess(CountingSigner inProcess) {
        return new EnrollmentService(new CertificateAuthorities(Map.of("default", IssuingCa.of(inProcess,
                List.of(CA_CERT)))), store, approvals, clock);
    }

    @Test
    void withTheKeyInProcessAFirstEnrollmentIsSignedAndStoredWithoutReadingTheDevice() {
        CountingSigner inProcess = CountingSigner.inProcess(CA_KEYS.getPrivate());
        EnrollmentService service = withKeyInProcess(inProcess);
        int before = inProcess.signatures(); // after the probe of IssuingCa.of

        X509CertificateHolder certificate = issued(service.enroll(
                context("simpleenroll", bootstrap()), profile("validity", "P30D"), csr()));

        assertThat(store.calls).containsExactly(new First(certificate));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(Duration.ofDays(30)));
        assertThat(inProcess.signatures() - before).isOne();
    }

    @ParameterizedTest(name = "registered {0}, profile P365D: {1}, {2} signature(s)")
    @CsvSource({"P400D, P365D, 1", "P10D, P10D, 2"})
    void withTheKeyInProcessAnExistingDeviceIsReadOnceFoundAndSignedAgainOnlyForAShorterRegistration(
            Duration registered, Duration expected, int signatures) {
        store.device = Optional.of(registered(Optional.of(registered)));
        CountingSigner inProcess = CountingSigner.inProcess(CA_KEYS.getPrivate());
        EnrollmentService service = withKeyInProcess(inProcess);
        int before = inProcess.signatures(); // after the probe of IssuingCa.of

        X509CertificateHolder certificate = issued(service.enroll(
                context("simpleenroll", bootstrap()), DEFAULTS, csr()));

        assertThat(store.calls).hasSize(3);
        assertThat(store.calls.get(0)).as("the first-enrollment statement, which wrote nothing").isInstanceOf(
                First.class);
        assertThat(store.calls.subList(1, 3)).containsExactly(new Read(LABEL, DEVICE),
                new Enrollment(DuplicateDevicePolicy.REJECT, certificate, Optional.empty()));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(expected));
        assertThat(inProcess.signatures() - before).isEqualTo(signatures);
    }

    @Test
    void withTheKeyInProcessAStoppedDeviceIsRefusedAndItsSpeculativeCertificateNeverStored() {
        store.device = Optional.of(enrolled(Device.Status.SUSPENDED));
        CountingSigner inProcess = CountingSigner.inProcess(CA_KEYS.getPrivate());
        EnrollmentService service = withKeyInProcess(inProcess);

        assertRejected(() -> service.enroll(context("simpleenroll", bootstrap()), DEFAULTS, csr()),
                Problem.FORBIDDEN, "is suspended; it cannot enroll");
        assertThat(store.calls).hasSize(2);
        assertThat(store.calls.get(0)).as("the first-enrollment statement, which wrote nothing").isInstanceOf(
                First.class);
        assertThat(store.calls.get(1)).isEqualTo(new Read(LABEL, DEVICE));
    }

    @Test
    void rejectsADuplicateOfAnEnrolledDeviceBeforeSigning() {
        store.device = Optional.of(enrolled(Device.Status.ACTIVE));

        assertRejected(() -> enroll(DEFAULTS, bootstrap()), Problem.CONFLICT,
                "device '" + DEVICE + "' is already enrolled (current certificate serial 0A)");
        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE));
        assertThat(signaturesMade()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Device.Status.class, names = {"SUSPENDED", "REVOKED"})
    void refusesAStoppedDeviceBeforeSigning(Device.Status status) {
        store.device = Optional.of(enrolled(status));

        assertRejected(() -> enroll(profile("duplicate-device", "replace"), bootstrap()), Problem.FORBIDDEN,
                "is " + status.name().toLowerCase(Locale.ROOT) + "; it cannot enroll");
        assertRejected(() -> reenroll(DEFAULTS, csr()), Problem.FORBIDDEN, "it cannot enroll");
        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE), new Read(LABEL, DEVICE));
        assertThat(signaturesMade()).isZero();
    }

    /** A device enrolled by another request after it was read: the store, deciding under its lock, refuses. */
    @Test
    void conflictOfTheDuplicatePolicyReachesTheCaller() {
        store.device = Optional.of(registered(Optional.empty()));
        store.enrollmentRejection = Optional.of(new RequestRejected(Problem.CONFLICT,
                "device '" + DEVICE + "' is already enrolled"));

        assertRejected(() -> enroll(DEFAULTS, bootstrap()), Problem.CONFLICT, "already enrolled");
        assertThat(store.calls).hasSize(2).last().isInstanceOf(Enrollment.class);
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void renewsACertificateThatKeepsTheDevicesIdentity() {
        X509CertificateHolder certificate = reenroll(DEFAULTS, csr());

        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Renewal(SerialNumbers.toHex(CURRENT.getSerialNumber()), Optional.empty(), certificate));
        assertThat(certificate.getSubject()).isEqualTo(new X500Name("CN=" + DEVICE));
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void rejectsRenewalCsrWithAnotherSubject() {
        PKCS10CertificationRequest other = Csrs.csr(TestKeys.ecP256(), "CN=dev-2", DEVICE + ".example");

        assertRejected(() -> reenroll(DEFAULTS, other), Problem.FORBIDDEN, "RFC 7030 §4.2.2");
        assertNothingReadOrSigned();
    }

    @Test
    void rejectsChangeSubjectNameOnAProfileThatDoesNotPermitIt() {
        assertRejected(() -> reenroll(DEFAULTS, renaming("CN=dev-9")), Problem.FORBIDDEN,
                "ChangeSubjectName", "est.profiles.iot.change-subject-name=false");
        assertNothingReadOrSigned();
    }

    @Test
    void renamesTheDeviceOnAProfileThatPermitsIt() {
        X509CertificateHolder certificate = reenroll(profile("change-subject-name", "true"), renaming("CN=dev-9"));

        assertThat(certificate.getSubject()).isEqualTo(new X500Name("CN=dev-9"));
        assertThat(store.calls).containsExactly(new Read(LABEL, DEVICE),
                new Renewal(SerialNumbers.toHex(CURRENT.getSerialNumber()), Optional.of("dev-9"), certificate));
        assertThat(signaturesMade()).isOne();
    }

    @Test
    void rejectsRenameToNamesTheProfileForbids() {
        Profile profile = profile("change-subject-name", "true", "subject.patterns.CN", "dev-[0-9]+");

        assertRejected(() -> reenroll(profile, renaming("CN=printer")), Problem.MALFORMED,
                "'printer' does not match", "est.profiles.iot.subject.patterns");
        assertNothingReadOrSigned();
    }

    @Test
    void registrationLimitsTheRenewedCertificateToo() {
        store.device = Optional.of(registered(Optional.of(Duration.ofDays(10))));

        X509CertificateHolder certificate = reenroll(DEFAULTS, csr());

        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now().plus(Duration.ofDays(10)));
        assertThat(signaturesMade()).isOne();
    }

    /** On a profile that requires approval, so that not even a request waiting for one is stored. */
    @Test
    void rejectsCsrWithKeyTheProfileRefusesBeforeReadingOrSigning() {
        PKCS10CertificationRequest refused = Csrs.csr(TestKeys.ec("secp256k1"), "CN=" + DEVICE);

        assertRejected(() -> enroll(profile("approval.required", "true"), bootstrap(), refused), Problem.MALFORMED,
                "CSR key not allowed by profile 'iot'");
        assertNothingReadOrSigned();
    }

    @Test
    void rejectsRenewalCsrWithBrokenSignatureBeforeReadingOrSigning() {
        assertRejected(() -> reenroll(DEFAULTS, Csrs.brokenSignature(csr())), Problem.MALFORMED,
                "proof of possession");
        assertNothingReadOrSigned();
    }

    /** What the service asked of the store, in order. */
    private sealed interface Call {
    }

    private record Read(String label, String identity) implements Call {
    }

    private record First(X509CertificateHolder certificate) implements Call {
    }

    private record Enrollment(DuplicateDevicePolicy duplicates, X509CertificateHolder certificate,
            Optional<Long> approvedRequest) implements Call {
    }

    private record Renewal(String currentSerial, Optional<String> newIdentity, X509CertificateHolder certificate)
            implements Call {
    }

    /** Records every call and commits whatever it is given, unless a test makes it find or reject something. */
    private static final class FakeStore implements IssuanceStore {

        private final List<Call> calls = new ArrayList<>();
        /** What each general-path write would use up. */
        private final List<OptionalLong> singleUseCredentials = new ArrayList<>();
        private Optional<KnownDevice> device = Optional.empty();
        /** As when a concurrent enrollment or an operator created the device after it was read. */
        private boolean firstEnrollmentFindsTheDevice;
        /** As the duplicate policy REJECT does for a device that holds a certificate. */
        private Optional<RequestRejected> enrollmentRejection = Optional.empty();

        @Override
        public Optional<KnownDevice> device(String label, String identity) {
            calls.add(new Read(label, identity));
            return device;
        }

        @Override
        public Optional<IssuedCertificate> recordFirst(EnrollmentContext context, X509CertificateHolder certificate) {
            calls.add(new First(certificate));
            return firstEnrollmentFindsTheDevice || device.isPresent() ? Optional.empty()
                    : Optional.of(committed(certificate));
        }

        @Override
        public IssuedCertificate recordEnrollment(EnrollmentContext context, DuplicateDevicePolicy duplicates,
                X509CertificateHolder certificate, Optional<Long> approvedRequest) {
            calls.add(new Enrollment(duplicates, certificate, approvedRequest));
            if (enrollmentRejection.isPresent()) {
                throw enrollmentRejection.get();
            }
            singleUseCredentials.add(context.singleUseCredential());
            return committed(certificate);
        }

        @Override
        public IssuedCertificate recordReenrollment(EnrollmentContext context, String currentSerial,
                Optional<String> newIdentity, X509CertificateHolder certificate) {
            calls.add(new Renewal(currentSerial, newIdentity, certificate));
            return committed(certificate);
        }

        private static IssuedCertificate committed(X509CertificateHolder certificate) {
            return new IssuedCertificate(SerialNumbers.toHex(certificate.getSerialNumber()),
                    CertificateIssuer.der(certificate));
        }
    }

    /** Answers what the test set, and keeps the requests it was asked to admit. */
    private static final class FakeApprovals implements Approvals {

        private final List<CertificateRequestData> asked = new ArrayList<>();
        private Admission answer;

        @Override
        public Admission admit(EnrollmentContext context, Profile profile, PKCS10CertificationRequest csr,
                CertificateRequestData request) {
            asked.add(request);
            return Objects.requireNonNull(answer, "the test set no admission");
        }
    }
}
