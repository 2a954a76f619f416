/**
 * The PostgreSQL rows (Panache entities), their queries with keyset pagination, the shared first-enrollment
 * statement and the audit log. Flyway migrations are in {@code src/main/resources/db/migration}.
 */
package dev.estserver.service.store;
