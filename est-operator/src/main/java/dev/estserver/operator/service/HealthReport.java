package dev.estserver.operator.service;

/**
 * What est-service's readiness endpoint said.
 *
 * @param reachable  the endpoint answered with health JSON
 * @param databaseUp its database check passed
 * @param detail     for condition messages: the checks that are down, or why the call failed
 */
public record HealthReport(boolean reachable, boolean databaseUp, String detail) {
}
