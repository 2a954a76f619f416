/**
 * The admin REST API under {@code /api/v1}: devices, registrations, certificates, approvals, credentials, one-time
 * codes, audit events and statistics, with its OpenAPI description. It changes state through the same store,
 * revocation and audit as enrollment does, and audits every change and refusal.
 */
package dev.estserver.service.admin;
