/**
 * One enrollment from an authenticated request to a recorded certificate: admission, the device and its
 * registration, approvals, duplicate handling, server-side key generation, and the transaction that records
 * certificate, device and audit together.
 */
package dev.estserver.service.enrollment;
