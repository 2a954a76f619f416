/**
 * Refusals as values: what kind of refusal and why, in no protocol's terms; each protocol layer turns them into its
 * own responses.
 */
package dev.estserver.service.problem;
