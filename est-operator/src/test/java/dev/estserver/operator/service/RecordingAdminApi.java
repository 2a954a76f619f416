package dev.estserver.operator.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.quarkus.test.Mock;

import dev.estserver.operator.service.RegistrationView.CurrentCertificate;

/**
 * est-service as the operator tests need it: it keeps registrations and credentials in memory, records every call,
 * and can be told that a device enrolled or that the service fails for a device.
 */
@Mock
@Singleton
public class RecordingAdminApi implements AdminApi {

    /** One call; {@code body} is the request record, or null. */
    public record Call(String operation, String label, String identity, Object body) {
    }

    public static final String GET = "GET registration";
    public static final String PUT = "PUT registration";
    public static final String DELETE = "DELETE registration";
    public static final String ISSUE = "POST bootstrap-credentials";
    public static final String REVOKE = "POST bootstrap-credentials/revoke";

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, RegistrationView> registrations = new ConcurrentHashMap<>();
    private final List<IssuedBootstrapCredential> credentials = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> revokedCredentials = new ConcurrentHashMap<>();
    /** By device identity, so a failure never leaks into another test's enrollments. */
    private final Map<String, AdminApiException> failures = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    /** The device enrolled: its registration becomes ACTIVE (unless suspended) with that certificate. */
    public void enrolled(String label, String identity, CurrentCertificate certificate) {
        registrations.computeIfPresent(key(label, identity), (k, view) -> view(view.label(), view.identity(),
                view.allowedSans(), view.validity(), RegistrationView.SUSPENDED.equals(view.status()), certificate));
    }

    /** Every later call about that device (or its credentials) fails with that status and text/plain reason. */
    public void failFor(String identity, int status, String reason) {
        failures.put(identity, AdminApiException.of(status, "est-service answered " + status + ": " + reason));
    }

    public void recoverFor(String identity) {
        failures.remove(identity);
    }

    public List<Call> calls(String operation, String identity) {
        return calls.stream().filter(c -> c.operation().equals(operation) && identity.equals(c.identity())).toList();
    }

    public Optional<RegistrationView> registrationOf(String label, String identity) {
        return Optional.ofNullable(registrations.get(key(label, identity)));
    }

    /** The credentials issued for a device, oldest first. */
    public List<IssuedBootstrapCredential> credentialsOf(String identity) {
        return credentials.stream().filter(c -> identity.equals(c.deviceIdentity())).toList();
    }

    public boolean isRevoked(String username) {
        return revokedCredentials.containsKey(username);
    }

    @Override
    public Optional<RegistrationView> registration(ServiceConnection service, String label, String identity) {
        record(GET, label, identity, null);
        return Optional.ofNullable(registrations.get(key(label, identity)));
    }

    @Override
    public RegistrationView register(ServiceConnection service, String label, String identity,
            RegistrationRequest request) {
        record(PUT, label, identity, request);
        return registrations.compute(key(label, identity), (k, before) -> view(label, identity,
                request.allowedSans(), request.validity(), request.suspended(),
                before == null ? null : before.currentCertificate()));
    }

    @Override
    public boolean deregister(ServiceConnection service, String label, String identity) {
        record(DELETE, label, identity, null);
        return registrations.remove(key(label, identity)) != null;
    }

    @Override
    public IssuedBootstrapCredential issueBootstrapCredential(ServiceConnection service,
            BootstrapCredentialRequest request) {
        record(ISSUE, request.label(), request.deviceIdentity(), request);
        IssuedBootstrapCredential credential = new IssuedBootstrapCredential(request.username(),
                "password-" + issued.incrementAndGet(), request.label(), request.deviceIdentity(), request.oneTime(),
                Instant.now().plus(java.time.Duration.parse(request.validity())));
        credentials.add(credential);
        return credential;
    }

    @Override
    public boolean revokeBootstrapCredential(ServiceConnection service, String username) {
        Optional<IssuedBootstrapCredential> credential = credentials.stream()
                .filter(c -> c.username().equals(username)).findFirst();
        record(REVOKE, null, credential.map(IssuedBootstrapCredential::deviceIdentity).orElse(null), username);
        return credential.isPresent() && revokedCredentials.putIfAbsent(username, true) == null;
    }

    private void record(String operation, String label, String identity, Object body) {
        calls.add(new Call(operation, label, identity, body));
        AdminApiException failure = identity == null ? null : failures.get(identity);
        if (failure != null) {
            throw failure;
        }
    }

    private static RegistrationView view(String label, String identity, List<String> allowedSans, String validity,
            boolean suspended, CurrentCertificate certificate) {
        String status = suspended ? RegistrationView.SUSPENDED
                : certificate == null ? RegistrationView.PENDING : RegistrationView.ACTIVE;
        Instant now = Instant.now();
        return new RegistrationView(label, identity, identity.hashCode() + "", status, allowedSans, validity,
                certificate, now, now);
    }

    private static String key(String label, String identity) {
        return label + "/" + identity;
    }
}
