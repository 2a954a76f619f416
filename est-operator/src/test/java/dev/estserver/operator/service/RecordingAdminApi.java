package dev.estserver.operator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * est-service as the operator tests need it: it keeps registrations and credentials in memory with the service's
 * rules of ownership (a registration belongs to one owner; issuing a credential revokes the owner's earlier ones),
 * answers the change feed, records every call, and can be told that a device enrolled or that the service fails for
 * a device.
 */
@Mock
@Singleton
public class RecordingAdminApi implements AdminApi {

    /** One call; {@code body} is the request record, or null. */
    public record Call(String operation, String label, String identity, Object body) {
    }

    public static final String PUT = "PUT registration";
    public static final String CHANGES = "GET registrations changed since";
    public static final String DELETE = "DELETE registration";
    public static final String ISSUE = "POST bootstrap-credentials";
    public static final String REVOKE = "POST bootstrap-credentials/revoke";
    public static final String REVOKE_OWNED = "POST bootstrap-credentials/revoke by owner";
    private static final int PAGE = 500;

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, RegistrationView> registrations = new ConcurrentHashMap<>();
    private final List<IssuedBootstrapCredential> credentials = new CopyOnWriteArrayList<>();
    private final Map<String, Owner> credentialOwners = new ConcurrentHashMap<>();
    private final Map<String, Boolean> revokedCredentials = new ConcurrentHashMap<>();
    /** By device identity, so a failure never leaks into another test's enrollments. */
    private final Map<String, AdminApiException> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lostIssueAnswers = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();

    /** The device enrolled: its registration becomes ACTIVE (unless suspended) with that certificate. */
    public void enrolled(String label, String identity, CurrentCertificate certificate) {
        registrations.computeIfPresent(key(label, identity), (k, view) -> view(view.label(), view.identity(),
                view.allowedSans(), view.validity(), statusAfter(view, certificate), certificate, view.owner()));
    }

    /** Every later call about that device (or its credentials) fails with that status and text/plain reason. */
    public void failFor(String identity, int status, String reason) {
        failures.put(identity, AdminApiException.of(status, "est-service answered " + status + ": " + reason));
    }

    /** The next credential issued for that device is issued, but its answer is lost (a timeout after success). */
    public void loseNextIssueAnswerFor(String identity) {
        lostIssueAnswers.put(identity, true);
    }

    public void recoverFor(String identity) {
        failures.remove(identity);
    }

    public List<Call> calls(String operation, String identity) {
        return calls.stream().filter(c -> c.operation().equals(operation) && identity.equals(c.identity())).toList();
    }

    /** How many calls of that operation, about any device, were made so far. */
    public long count(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    public Optional<RegistrationView> registrationOf(String label, String identity) {
        return Optional.ofNullable(registrations.get(key(label, identity)));
    }

    /** The credentials issued for a device, oldest first. */
    public List<IssuedBootstrapCredential> credentialsOf(String identity) {
        return credentials.stream().filter(c -> identity.equals(c.deviceIdentity())).toList();
    }

    /** The credentials of a device that can still enroll. */
    public List<IssuedBootstrapCredential> validCredentialsOf(String identity) {
        return credentialsOf(identity).stream().filter(c -> !isRevoked(c.username())).toList();
    }

    public boolean isRevoked(String username) {
        return revokedCredentials.containsKey(username);
    }

    @Override
    public RegistrationView register(ServiceConnection service, String label, String identity,
            RegistrationRequest request) {
        record(PUT, label, identity, request);
        RegistrationView before = registrations.get(key(label, identity));
        Owner owner = before == null ? null : before.owner();
        if (owner != null && request.owner() != null && !owner.name().equals(request.owner().name())) {
            throw AdminApiException.of(409, "est-service answered 409 to PUT: registration '" + label + "/"
                    + identity + "' belongs to " + owner.name() + " (uid " + owner.uid() + "); "
                    + request.owner().name() + " cannot take it over");
        }
        CurrentCertificate certificate = before == null || RegistrationView.REVOKED.equals(before.status()) ? null
                : before.currentCertificate();
        String status = request.suspended() ? RegistrationView.SUSPENDED
                : certificate == null ? RegistrationView.PENDING : RegistrationView.ACTIVE;
        RegistrationView after = view(label, identity, request.allowedSans(), request.validity(), status, certificate,
                request.owner() != null ? request.owner() : owner);
        registrations.put(key(label, identity), after);
        return after;
    }

    @Override
    public RegistrationChanges registrationsChangedSince(ServiceConnection service, Instant since, String cursor) {
        record(CHANGES, null, null, since);
        List<RegistrationView> changed = registrations.values().stream()
                .filter(v -> since == null || !v.updatedAt().isBefore(since))
                .sorted(Comparator.comparing(RegistrationView::updatedAt).thenComparing(RegistrationView::deviceId))
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(changed.size(), from + PAGE);
        return new RegistrationChanges(new ArrayList<>(changed.subList(from, to)),
                to < changed.size() ? String.valueOf(to) : null, Instant.now());
    }

    /** Marks the device deleted (REVOKED), as the service does; refuses an owner's stranger. */
    @Override
    public boolean deregister(ServiceConnection service, String label, String identity, String ownerUid) {
        record(DELETE, label, identity, ownerUid);
        RegistrationView before = registrations.get(key(label, identity));
        if (before == null) {
            return false;
        }
        if (before.owner() != null && ownerUid != null && !before.owner().uid().equals(ownerUid)) {
            throw AdminApiException.of(409, "est-service answered 409 to DELETE: registration '" + label + "/"
                    + identity + "' belongs to " + before.owner().name() + " (uid " + before.owner().uid()
                    + "), not to the caller's uid " + ownerUid);
        }
        CurrentCertificate revoked = before.currentCertificate() == null ? null
                : new CurrentCertificate(before.currentCertificate().serial(), before.currentCertificate().notBefore(),
                        before.currentCertificate().notAfter(), CurrentCertificate.REVOKED);
        registrations.put(key(label, identity), view(label, identity, before.allowedSans(), before.validity(),
                RegistrationView.REVOKED, revoked, before.owner()));
        return true;
    }

    /** Issues, and revokes every earlier credential of the same owner, as the service does. */
    @Override
    public IssuedBootstrapCredential issueBootstrapCredential(ServiceConnection service,
            BootstrapCredentialRequest request) {
        record(ISSUE, request.label(), request.deviceIdentity(), request);
        List<String> replaced = request.owner() == null ? List.of() : revokeOwnedBy(request.owner().uid());
        IssuedBootstrapCredential credential = new IssuedBootstrapCredential(request.username(),
                "password-" + issued.incrementAndGet(), request.label(), request.deviceIdentity(), request.oneTime(),
                Instant.now().plus(Duration.parse(request.validity())), replaced);
        credentials.add(credential);
        if (request.owner() != null) {
            credentialOwners.put(credential.username(), request.owner());
        }
        if (lostIssueAnswers.remove(request.deviceIdentity()) != null) {
            throw AdminApiException.of(AdminApiException.UNREACHABLE, "est-service did not answer POST "
                    + "/api/v1/bootstrap-credentials: HttpTimeoutException: request timed out");
        }
        return credential;
    }

    @Override
    public boolean revokeBootstrapCredential(ServiceConnection service, String username) {
        Optional<IssuedBootstrapCredential> credential = credentials.stream()
                .filter(c -> c.username().equals(username)).findFirst();
        record(REVOKE, null, credential.map(IssuedBootstrapCredential::deviceIdentity).orElse(null), username);
        return credential.isPresent() && revokedCredentials.putIfAbsent(username, true) == null;
    }

    @Override
    public List<String> revokeBootstrapCredentialsOf(ServiceConnection service, String ownerUid) {
        Optional<String> identity = credentials.stream()
                .filter(c -> ownerUid.equals(credentialOwners.getOrDefault(c.username(), new Owner(null, null)).uid()))
                .map(IssuedBootstrapCredential::deviceIdentity).findFirst();
        record(REVOKE_OWNED, null, identity.orElse(null), ownerUid);
        return revokeOwnedBy(ownerUid);
    }

    private List<String> revokeOwnedBy(String ownerUid) {
        return credentialOwners.entrySet().stream().filter(e -> ownerUid.equals(e.getValue().uid()))
                .map(Map.Entry::getKey).filter(username -> revokedCredentials.putIfAbsent(username, true) == null)
                .toList();
    }

    private void record(String operation, String label, String identity, Object body) {
        calls.add(new Call(operation, label, identity, body));
        AdminApiException failure = identity == null ? null : failures.get(identity);
        if (failure != null) {
            throw failure;
        }
    }

    private static String statusAfter(RegistrationView view, CurrentCertificate certificate) {
        return RegistrationView.SUSPENDED.equals(view.status()) ? RegistrationView.SUSPENDED
                : certificate == null ? RegistrationView.PENDING : RegistrationView.ACTIVE;
    }

    /** Every change gets a later time, as rows the service writes do. */
    private RegistrationView view(String label, String identity, List<String> allowedSans, String validity,
            String status, CurrentCertificate certificate, Owner owner) {
        Instant now = Instant.now();
        return new RegistrationView(label, identity, String.format("%012d", sequence.incrementAndGet()), status,
                allowedSans, validity, certificate, now, now, owner);
    }

    private static String key(String label, String identity) {
        return label + "/" + identity;
    }
}
