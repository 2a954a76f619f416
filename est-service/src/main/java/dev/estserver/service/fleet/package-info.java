/**
 * Fleet gauges for Prometheus: devices by label and status, expiring certificates and pending approvals.
 */
package dev.estserver.service.fleet;
