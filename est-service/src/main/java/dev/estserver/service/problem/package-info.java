/**
 * Refusals as values: what was refused and why, which the protocol layers turn into their responses.
 */
package dev.estserver.service.problem;
