/**
 * The operations console at {@code /console/}: server-rendered pages (Qute) over the admin API's own resource
 * methods, so that every check, change and audit row is the API's. It depends on {@code admin}, {@code auth} and
 * {@code store}; nothing depends on it. Sessions are {@code auth.ConsoleSessions}.
 */
package dev.estserver.service.console;
