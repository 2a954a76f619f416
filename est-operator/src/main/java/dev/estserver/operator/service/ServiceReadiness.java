package dev.estserver.operator.service;

import java.net.URI;

/** Asks an est-service pod whether it is ready, and whether its database is the reason if not. */
public interface ServiceReadiness {

    /** @param managementBase e.g. {@code http://10.1.2.3:9000}; never throws, an unreachable pod is a report */
    HealthReport check(URI managementBase);
}
