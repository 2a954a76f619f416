package dev.estserver.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.vertx.http.HttpsServerStart;

/**
 * Ready only once the HTTPS listener accepts connections. The management interface that answers this check starts
 * before it: the README's walkthrough, in a fresh-clone {@code make test}, once found the service ready and its EST
 * port still closed, and a Kubernetes Service would route clients there as well. Quarkus fires the event
 * asynchronously.
 */
@Readiness
@ApplicationScoped
public class HttpsListenerReadiness implements HealthCheck {

    private volatile boolean listening;

    void started(@ObservesAsync HttpsServerStart started) {
        listening = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("https-listener").status(listening).build();
    }
}
