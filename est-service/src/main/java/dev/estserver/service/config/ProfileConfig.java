package dev.estserver.service.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * One certificate profile as configured under {@code est.profiles.<name>}: what its certificates look like, which
 * CSRs and callers it accepts, and which EST features it turns on. The operator renders the same shape.
 */
public interface ProfileConfig {

    /** Issuing CA of this profile: {@code default} is {@code est.ca}, any other name one of {@code est.cas.<name>}. */
    @WithDefault("default")
    String issuingCa();

    /** Validity of issued certificates; never beyond the issuing CA's own notAfter. */
    @WithDefault("P365D")
    Duration validity();

    /**
     * Key usages: digital-signature, non-repudiation, key-encipherment, data-encipherment, key-agreement.
     * key-encipherment and data-encipherment are dropped for keys that cannot encrypt (EC, Ed25519).
     */
    @WithDefault("digital-signature,key-encipherment")
    List<String> keyUsage();

    /** Extended key usages: client-auth, server-auth, code-signing, email-protection, time-stamping, ocsp-signing. */
    @WithDefault("client-auth")
    List<String> extendedKeyUsage();

    /** Accepted CSR keys: rsa-2048, rsa-3072, rsa-4096 (minimum RSA size), ec-p256, ec-p384, ec-p521, ed25519. */
    @WithDefault("rsa-2048,ec-p256,ec-p384,ed25519")
    List<String> allowedKeys();

    /** Rules for the CSR subject; attributes by their short names (CN, O, OU, C, L, ST, SERIALNUMBER, E) or OIDs. */
    NameRules subject();

    /** Rules for the CSR subject alternative names, by type: dns, ip, email, uri, dirname, othername, rid. */
    NameRules san();

    /**
     * How callers of {@code /simpleenroll}, {@code /serverkeygen} and {@code /fullcmc} may authenticate: basic
     * (bootstrap username and password), client-certificate (a manufacturer / IDevID certificate), one-time-code
     * (RFC 7894 otpChallenge in the CSR). {@code /simplereenroll} always takes the certificate being renewed.
     */
    @WithDefault("basic,client-certificate,one-time-code")
    List<String> authMethods();

    /**
     * What an enrollment ({@code /simpleenroll}, {@code /serverkeygen}, {@code /fullcmc}) does for a device that
     * already holds a certificate: reject (409), allow (another certificate), or replace (issue and revoke the
     * previous certificate).
     */
    @WithDefault("reject")
    String duplicateDevice();

    /** Server-side key generation ({@code /serverkeygen}, RFC 7030 §4.4). */
    ServerKeygen serverkeygen();

    /** Manual approval of enrollments (202 + Retry-After until an operator decides). */
    Approval approval();

    /**
     * Require the CSR's challengePassword to carry the TLS channel binding (RFC 7030 §3.5; tls-exporter of
     * RFC 9266), linking proof of possession to the authenticated TLS connection. Needs TLS to end at the service.
     * The value is base64 of the keying material exported with label {@code EXPORTER-Channel-Binding}, an empty
     * context and 32 bytes, available under TLS 1.3 and under TLS 1.2 with extended master secret; tls-unique is
     * not supported. Applies to every operation that takes a CSR. When false, a challengePassword is ignored. Cannot
     * be combined with approval.required: polling resends the same CSR, which is bound to one TLS connection.
     */
    @WithDefault("false")
    boolean channelBinding();

    /**
     * Allow {@code /simplereenroll} to change the subject and subjectAltName with the ChangeSubjectName attribute
     * (RFC 6402 §2.8, RFC 7030 §4.2.2); the new names must meet the subject and san rules.
     */
    @WithDefault("false")
    boolean changeSubjectName();

    /**
     * Form of {@code /csrattrs} (RFC 9908): template (the RFC 9908 certificate request template, followed by the
     * legacy list for older clients), legacy (the RFC 7030 attribute and OID list), or none (204 No Content). A profile
     * with nothing to ask of a CSR answers 204 in every form.
     */
    @WithDefault("legacy")
    String csrattrs();

    /** Required, allowed and forbidden names, and patterns their values must match. */
    interface NameRules {

        /** Names that must be present. */
        Optional<List<String>> required();

        /** When set, only these names may be present. */
        Optional<List<String>> allowed();

        /** Names that must not be present. */
        Optional<List<String>> forbidden();

        /**
         * Patterns by name, matched against the whole value: a Java regular expression, or a DNS wildcard such as
         * {@code *.plant-a.example} (exactly one label in place of the star).
         */
        @WithName("patterns")
        Map<String, String> patterns();
    }

    interface ServerKeygen {

        /**
         * Offer {@code /serverkeygen} on this profile. The generated private key is never stored or logged, so this
         * cannot be combined with approval.required, under which the key would wait for an operator's decision.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Key to generate (one of the allowed-keys kinds). When unset, the key kind of the request's CSR is used if
         * allowed-keys accepts it; RSA keys get the largest allowed-keys RSA size not above the CSR key's size.
         */
        Optional<String> key();
    }

    interface Approval {

        /**
         * Hold enrollments until an operator approves them through the admin API; the client polls by sending the
         * same CSR again. Not with serverkeygen.enabled or channel-binding (see there).
         */
        @WithDefault("false")
        boolean required();

        /** Retry-After sent with 202 while a request waits for approval; positive. */
        @WithDefault("PT60S")
        Duration retryAfter();

        /** A request nobody decides on within this time expires; the client must send a new CSR. Positive. */
        @WithDefault("P7D")
        Duration expireAfter();
    }
}
