package dev.estserver.service.protocol.est;

import java.time.Duration;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.http.ProblemStatus;

/**
 * One timer per EST operation, label and outcome ({@code est_requests_seconds} in Prometheus), a counter of refused
 * and failed requests by the kind of refusal ({@code est_requests_failed_total}, reason as {@link ProblemStatus}
 * names it), and the request id header on every response.
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
        // Only labels of known operations become tags: a scan of random paths must not create series.
        String label = context.label() == null || status == 404 ? "none" : context.label();
        if (status >= 400) {
            Counter.builder("est.requests.failed")
                    .description("EST requests refused or failed, by operation, label and the kind of refusal")
                    .tag("operation", context.operation()).tag("label", label)
                    .tag("reason", ProblemStatus.reasonOf(status)).register(registry).increment();
        }
        Timer.builder("est.requests")
                .description("EST requests by operation, label and outcome")
                .tag("operation", context.operation())
                .tag("label", label)
                .tag("status", Integer.toString(status))
                .tag("outcome", status == 202 ? "pending"
                        : status < 300 ? "success" : status < 500 ? "rejected" : "error")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - context.startNanos()));
    }
}
