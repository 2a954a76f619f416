package dev.estserver.service.policy;

import java.time.Duration;

/** Manual approval of a profile's enrollments: 202 + Retry-After until an operator decides, or the request expires. */
public record ApprovalPolicy(boolean required, Duration retryAfter, Duration expireAfter) {
}
