/**
 * What is known about the request being served, whichever protocol or API carried it: its id, client address,
 * operation and label, TLS session, the authenticated {@link dev.estserver.service.context.Caller} and the device,
 * gathered as it flows through for its audit row, log line and metrics.
 */
package dev.estserver.service.context;
