package dev.estserver.service.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.estserver.service.ca.Digests;
import dev.estserver.service.context.Caller;
import dev.estserver.service.crypto.Crypto;
import dev.estserver.service.policy.AuthMethod;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;
import dev.estserver.service.store.Credential;

/**
 * One-time enrollment codes: a device proves it may enroll by putting a code in its CSR's otpChallenge attribute
 * (RFC 7894) instead of sending HTTP Basic credentials. A code may be restricted to one EST label and to one device
 * identity, always expires, and is used up by the enrollment that issues a certificate with it (see
 * {@link Credential#consume(long, String)}).
 *
 * <p>Codes are stored as their SHA-256 only. A slow password hash (Argon2id, as for bootstrap passwords) would add
 * nothing: a code is 160 random bits, so an offline guess costs 2^160 hashes either way. And it would not work: a
 * code arrives without a username, so its row must be found by the hash itself, which a salted hash prevents.
 */
@ApplicationScoped
public class OneTimeCodes {

    /** 160 bits: 32 base32 characters. */
    private static final int CODE_BYTES = 20;
    private static final int GROUP = 4;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final CredentialRestrictions restrictions;

    OneTimeCodes(CredentialRestrictions restrictions) {
        this.restrictions = restrictions;
    }

    /**
     * A newly issued code; {@link #code()} exists only here, the database holds its hash.
     *
     * @param id the credential id: the principal in the audit, and how an operator refers to the code
     */
    public record Issued(long id, String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * Issues a code, valid for {@code validity}, for enrollment on {@code label} (null, in demo mode only: any label
     * whose profile accepts one-time codes) of {@code deviceIdentity} (null: any device; else the identity the CSR
     * must name, as in the audit: the subject CN, else the subject, else the first SAN).
     *
     * @throws IllegalArgumentException when the label is missing outside demo mode, unknown or does not accept
     *         one-time codes, or the validity is not positive
     */
    @Transactional
    public Issued issue(String label, String deviceIdentity, Duration validity) {
        restrictions.requireIssuable("one-time code", AuthMethod.ONE_TIME_CODE, label, deviceIdentity, validity);
        String code = newCode();
        Credential credential = new Credential();
        credential.kind = Credential.Kind.ONE_TIME_CODE;
        credential.secretHash = hash(code);
        credential.label = label;
        credential.deviceIdentity = deviceIdentity;
        credential.oneTime = true;
        credential.expiresAt = Instant.now().plus(validity);
        credential.persist();
        return new Issued(credential.id, code, credential.expiresAt);
    }

    /** Codes by id after {@code afterId}, newest last; the codes themselves were never stored. */
    @Transactional
    public List<Credential> page(Long afterId, int limit) {
        return Credential.page(Credential.Kind.ONE_TIME_CODE, afterId, limit);
    }

    /** The code can no longer enroll; a certificate it already enrolled stays valid. */
    @Transactional
    public Credential revoke(long id) {
        Credential code = Credential.<Credential>findByIdOptional(id)
                .filter(credential -> credential.kind == Credential.Kind.ONE_TIME_CODE)
                .orElseThrow(() -> new RequestRejected(Problem.NOT_FOUND, "no one-time code with id " + id));
        if (code.revokedAt != null) {
            throw new RequestRejected(Problem.CONFLICT, "one-time code " + id + " was already revoked at "
                    + code.revokedAt);
        }
        if (code.usedAt != null) {
            throw new RequestRejected(Problem.CONFLICT, "one-time code " + id + " was used at " + code.usedAt
                    + "; there is nothing left to revoke (revoke the certificate it enrolled instead)");
        }
        code.revokedAt = Instant.now();
        return code;
    }

    /**
     * The caller that {@code presented} (from the CSR of an enrollment on {@code label}) authenticates, or a 401
     * that says why not. The code is used up only when the certificate is recorded.
     */
    Caller verify(String presented, String label, PKCS10CertificationRequest csr) {
        // A short transaction of its own, like the Basic credential lookup: no connection is held afterwards.
        Optional<Credential> stored = QuarkusTransaction.requiringNew()
                .call(() -> Credential.findOneTimeCode(hash(presented)));
        // Never echo the code: a near-miss in a log or an audit row would be half a credential.
        Credential credential = stored.orElseThrow(() -> refused("the one-time code in the CSR's otpChallenge "
                + "attribute is not known to this server"));
        restrictions.require(credential, "one-time code " + credential.id, label, csr, Instant.now());
        return Caller.oneTimeCode(credential.id);
    }

    private static RequestRejected refused(String reason) {
        return new RequestRejected(Problem.UNAUTHENTICATED, reason);
    }

    /** Base32 (RFC 4648, no padding) in dash-separated groups of four, easy to read out and to type. */
    /** 160 random bits as base32 in dash-separated groups: a one-time code, or a generated password. */
    static String newCode() {
        byte[] random = new byte[CODE_BYTES];
        Crypto.RANDOM.nextBytes(random);
        StringBuilder base32 = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : random) {
            buffer = ((buffer << 8) | (b & 0xff)) & 0xffff;
            bits += 8;
            while (bits >= 5) {
                base32.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        StringJoiner groups = new StringJoiner("-");
        for (int i = 0; i < base32.length(); i += GROUP) {
            groups.add(base32.substring(i, i + GROUP));
        }
        return groups.toString();
    }

    /** Case, dashes and white space are how a person copies a code, not part of it. */
    static String hash(String code) {
        String canonical = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return Digests.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
