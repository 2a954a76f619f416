package dev.estserver.service.context;

import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;

import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.RequestScoped;

import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.store.EnrollmentEvent;

/**
 * What is known about the request being served, whichever protocol or API carried it (the operation names it: an
 * EST operation, {@code admin.*}, {@code crl}, {@code ocsp}), gathered as it flows through, for the audit row, the
 * log line and the metrics of its outcome. The enrollment core reads the label, caller, device and TLS session
 * from it; only the protocol layer fills in how the request arrived.
 */
@RequestScoped
public class EnrollmentContext {

    private final String requestId = newRequestId();
    private final long startNanos = System.nanoTime();
    private String operation = "unknown";
    private String label;
    private String clientAddress;
    private SSLSession tls;
    private Caller caller;
    private String deviceIdentity;
    private String note;

    /** A request's id: in its log lines, its audit row and the {@code X-Request-Id} header. */
    public static String newRequestId() {
        byte[] id = new byte[8];
        Crypto.RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    public void from(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** The TLS session the request arrived on, for channel binding. */
    public void over(SSLSession tls) {
        this.tls = tls;
    }

    public void at(String operation, String label) {
        this.operation = operation;
        this.label = label;
    }

    public void authenticated(Caller caller) {
        this.caller = caller;
    }

    public void device(String identity) {
        this.deviceIdentity = identity;
    }

    /** A remark for the audit row of the certificate issued, such as that the server generated its key. */
    public void note(String note) {
        this.note = note;
    }

    public String requestId() {
        return requestId;
    }

    public long startNanos() {
        return startNanos;
    }

    public String operation() {
        return operation;
    }

    /** The label, once the path named a known operation; null before. */
    public String label() {
        return label;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String deviceIdentity() {
        return deviceIdentity;
    }

    /** Who authenticated, or null before authentication. */
    public String principal() {
        return caller == null ? null : caller.principal();
    }

    /** How the caller authenticated, or null before authentication. */
    public String authMethod() {
        return caller == null ? null : caller.method().name();
    }

    /** The remark for the ISSUED audit row; null when there is none. */
    public String note() {
        return note;
    }

    public SSLSession tls() {
        return tls;
    }

    /** The single-use credential the caller authenticated with, to be used up when a certificate is issued. */
    public OptionalLong singleUseCredential() {
        return caller == null ? OptionalLong.empty() : caller.singleUseCredential();
    }

    /** How messages name the credential the caller used; null before authentication. */
    public String credentialName() {
        return caller == null ? null : caller.credentialName();
    }

    /** The audit row of this request's outcome. */
    public EnrollmentEvent event(EnrollmentEvent.Outcome outcome, int status, String serial, String reason) {
        EnrollmentEvent event = new EnrollmentEvent();
        event.occurredAt = Instant.now();
        event.requestId = requestId;
        event.operation = operation;
        event.label = label;
        event.outcome = outcome;
        event.statusCode = status;
        event.authMethod = authMethod();
        event.principal = principal();
        event.clientAddress = clientAddress;
        event.deviceIdentity = deviceIdentity;
        event.serial = serial;
        event.reason = reason;
        return event;
    }
}
