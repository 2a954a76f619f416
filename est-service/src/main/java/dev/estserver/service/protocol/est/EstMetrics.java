package dev.estserver.service.protocol.est;

import java.time.Duration;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.estserver.service.context.EnrollmentContext;

/**
 * One timer per EST operation, label and outcome ({@code est_requests_seconds} in Prometheus), and the request
 * id header on every response.
 */
public class EstMetrics {

    private final MeterRegistry registry;
    private final EnrollmentContext context;

    EstMetrics(MeterRegistry registry, EnrollmentContext context) {
        this.registry = registry;
        this.context = context;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Request-Id", context.requestId());
        if (!request.getUriInfo().getPath().startsWith("/.well-known/est")) {
            return;
        }
        int status = response.getStatus();
        Timer.builder("est.requests")
                .description("EST requests by operation, label and outcome")
                .tag("operation", context.operation())
                // Only labels of known operations become tags: a scan of random paths must not create series.
                .tag("label", context.label() == null || status == 404 ? "none" : context.label())
                .tag("status", Integer.toString(status))
                .tag("outcome", status == 202 ? "pending"
                        : status < 300 ? "success" : status < 500 ? "rejected" : "error")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - context.startNanos()));
    }
}
