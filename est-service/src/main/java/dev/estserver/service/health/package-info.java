/**
 * Readiness checks beyond the database's: whether every issuing CA can sign.
 */
package dev.estserver.service.health;
