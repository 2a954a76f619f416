/**
 * Readiness checks beyond the database's: whether every issuing CA can sign, whether the HTTPS listener is open,
 * and which cryptographic provider serves each operation (also as a metric).
 */
package dev.estserver.service.health;
