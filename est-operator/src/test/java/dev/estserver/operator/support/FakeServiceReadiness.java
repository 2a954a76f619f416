package dev.estserver.operator.support;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.test.Mock;

import dev.estserver.operator.service.HealthReport;
import dev.estserver.operator.service.ServiceReadiness;

/** Stands in for est-service pods, which cannot run beside the mock API server: tests set what they answer. */
@Mock
@ApplicationScoped
public class FakeServiceReadiness implements ServiceReadiness {

    private volatile HealthReport answer = new HealthReport(true, true, "every readiness check is up");

    public void answer(HealthReport report) {
        this.answer = report;
    }

    public void reset() {
        answer(new HealthReport(true, true, "every readiness check is up"));
    }

    @Override
    public HealthReport check(URI managementBase) {
        return answer;
    }
}
