package dev.estserver.service.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import dev.estserver.service.ca.KeyRequirement;

/**
 * What a profile requires of a CSR that a client can be told before it makes one ({@code /csrattrs}, RFC 7030
 * §4.5). Extended key usages, key usages and validity are not among them: they come from the profile whatever the
 * CSR asks for. Value patterns are not either: CSR attributes can demand a value, not describe a set of them.
 *
 * @param challengePassword the CSR must carry the TLS channel binding in a challengePassword (RFC 7030 §3.5)
 * @param otpChallenge      the CSR must carry an RFC 7894 otpChallenge: only when a one-time code is the sole way to
 *                          authenticate, since a client that authenticates otherwise has no code to send
 * @param key               the key to use, when the profile accepts exactly one kind; a list of requirements cannot
 *                          say "one of", so a profile accepting several kinds says nothing about the key
 * @param subjectAttributes required subject attribute types, in the order of their short names
 * @param sanTypes          required subjectAltName types (dns, ip, ...), sorted
 */
record CsrRequirements(boolean challengePassword, boolean otpChallenge, Optional<KeyRequirement> key,
        List<ASN1ObjectIdentifier> subjectAttributes, List<String> sanTypes) {

    static CsrRequirements of(Profile profile) {
        return new CsrRequirements(profile.channelBinding(),
                profile.authMethods().equals(Set.of(AuthMethod.ONE_TIME_CODE)),
                profile.allowedKeys().size() == 1 ? Optional.of(profile.allowedKeys().getFirst()) : Optional.empty(),
                profile.subject().required().stream().sorted().map(SubjectAttributes::oid).toList(),
                profile.san().required().stream().sorted().toList());
    }

    /** Nothing to tell the client: {@code /csrattrs} answers 204 No Content. */
    boolean isEmpty() {
        return !challengePassword && !otpChallenge && key.isEmpty() && subjectAttributes.isEmpty()
                && sanTypes.isEmpty();
    }
}
