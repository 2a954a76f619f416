package dev.estserver.service.policy;

import java.util.Optional;

import dev.estserver.service.ca.KeyRequirement;

/**
 * Server-side key generation of a profile.
 *
 * @param key the key kind to generate; when empty, the kind of the CSR's key
 */
public record ServerKeygenPolicy(boolean enabled, Optional<KeyRequirement> key) {
}
