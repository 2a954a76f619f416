package dev.estserver.operator.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.estserver.operator.config.OperatorConfig;

/**
 * {@link AdminApi} over HTTPS with the bearer token the operator generated for each service. Calls to one service
 * pass its {@link CallGate}; each failed call is logged here, once, with its cause.
 */
@ApplicationScoped
public class HttpAdminApi implements AdminApi {

    private static final Logger LOG = Logger.getLogger(HttpAdminApi.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String JSON = "application/json";
    private static final int NOT_FOUND = 404;
    /** What the service answers when revoking a credential that is already revoked. */
    private static final int CONFLICT = 409;
    /** Registrations per page of the change feed: the service's largest page. */
    private static final int PAGE = 500;

    private final ObjectMapper json;
    private final int concurrentCalls;
    private final Clock clock;
    /** The DNS name the service's certificate is verified against instead of the URL's host, if configured. */
    private final Optional<String> tlsServerName;
    /**
     * One client per trust bundle (and the server name, fixed for this instance): connections are reused, and a
     * rotated bundle gets a client of its own.
     */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    /** One gate per service, by its HTTPS base URL. */
    private final Map<String, CallGate> gates = new ConcurrentHashMap<>();

    @Inject
    HttpAdminApi(ObjectMapper json, OperatorConfig config) {
        this(json, config.adminApiConcurrentCalls(), Clock.systemUTC(), config.serviceTlsServerName());
    }

    HttpAdminApi(ObjectMapper json, int concurrentCalls, Clock clock, Optional<String> tlsServerName) {
        this.json = json;
        this.concurrentCalls = concurrentCalls;
        this.clock = clock;
        this.tlsServerName = tlsServerName;
    }

    @Override
    public RegistrationView register(ServiceConnection service, String label, String identity,
            RegistrationRequest request) {
        return read(send(service, "PUT", registrationPath(label, identity), request), RegistrationView.class);
    }

    @Override
    public RegistrationChanges registrationsChangedSince(ServiceConnection service, Instant since, String cursor) {
        StringBuilder query = new StringBuilder("/api/v1/registrations?limit=").append(PAGE);
        if (since != null) {
            query.append("&changedSince=").append(segment(since.toString()));
        }
        if (cursor != null) {
            query.append("&cursor=").append(segment(cursor));
        }
        return read(send(service, "GET", query.toString(), null), RegistrationChanges.class);
    }

    @Override
    public boolean deregister(ServiceConnection service, String label, String identity, String ownerUid) {
        return unlessAlreadyGone(() -> send(service, "DELETE", registrationPath(label, identity)
                + "?reason=cessationOfOperation&ownerUid=" + segment(ownerUid), null), NOT_FOUND);
    }

    @Override
    public IssuedBootstrapCredential issueBootstrapCredential(ServiceConnection service,
            BootstrapCredentialRequest request) {
        return read(send(service, "POST", "/api/v1/bootstrap-credentials", request), IssuedBootstrapCredential.class);
    }

    @Override
    public boolean revokeBootstrapCredential(ServiceConnection service, String username) {
        return unlessAlreadyGone(() -> send(service, "POST",
                "/api/v1/bootstrap-credentials/" + segment(username) + "/revoke", null), NOT_FOUND, CONFLICT);
    }

    @Override
    public List<String> revokeBootstrapCredentialsOf(ServiceConnection service, String ownerUid) {
        return read(send(service, "POST", "/api/v1/bootstrap-credentials/revoke", Map.of("ownerUid", ownerUid)),
                RevokedCredentials.class).revoked();
    }

    /** Answer of {@code POST /api/v1/bootstrap-credentials/revoke}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevokedCredentials(List<String> revoked) {
    }

    private static String registrationPath(String label, String identity) {
        return "/api/v1/registrations/" + segment(label) + "/" + segment(identity);
    }

    /** Percent-encodes one path segment (URLEncoder is for forms: its '+' for a space means '+' in a path). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean unlessAlreadyGone(Runnable call, int... goneStatuses) {
        try {
            call.run();
            return true;
        } catch (AdminApiException e) {
            for (int gone : goneStatuses) {
                if (e.status() == gone) {
                    return false;
                }
            }
            throw e;
        }
    }

    private String send(ServiceConnection service, String method, String pathAndQuery, Object body) {
        return gate(service).call(method + " " + pathAndQuery, () -> {
            try {
                return exchange(service, method, pathAndQuery, body);
            } catch (AdminApiException e) {
                LOG.warn(e.getMessage());
                throw e;
            }
        });
    }

    private CallGate gate(ServiceConnection service) {
        return gates.computeIfAbsent(service.httpsBase().toString(),
                base -> new CallGate(concurrentCalls, TIMEOUT, clock));
    }

    private String exchange(ServiceConnection service, String method, String pathAndQuery, Object body) {
        String base = service.httpsBase().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + service.adminToken())
                .header("Accept", JSON);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpClient client;
        try {
            client = client(service.trustPem());
        } catch (IllegalArgumentException e) {
            throw AdminApiException.of(AdminApiException.UNREACHABLE, "cannot call est-service at " + base + ": "
                    + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw AdminApiException.unreachable(method, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminApiException.unreachable(method, uri, new IOException("interrupted", e));
        }
        if (response.statusCode() / 100 != 2) {
            throw AdminApiException.refused(method, uri, response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(HttpAdminApi::seconds));
        }
        return response.body();
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private HttpClient client(String trustPem) {
        return clients.computeIfAbsent(trustPem, pem -> HttpClient.newBuilder()
                .sslContext(TrustedTls.context(pem, tlsServerName)).sslParameters(TrustedTls.parameters())
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw AdminApiException.of(AdminApiException.UNREACHABLE, "est-service answered with a "
                    + type.getSimpleName() + " that is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
