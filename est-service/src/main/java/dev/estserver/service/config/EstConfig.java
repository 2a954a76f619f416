package dev.estserver.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything the EST service reads from configuration. No other class reads raw properties.
 */
@ConfigMapping(prefix = "est")
public interface EstConfig {

    /** Demo mode: generated PKI under {@link Demo#dir()} and the RFC 7030 interop credential. Never in production. */
    Demo demo();

    /** The default issuing CA (named {@code default} in profiles). In demo mode it is generated when unset. */
    Ca ca();

    /** Further issuing CAs by name, for profiles that set {@code issuing-ca}. Each needs both files. */
    Map<String, Ca> cas();

    /** The HTTPS server's own certificate and protocol versions. */
    Tls tls();

    /** Who may enroll. */
    Auth auth();

    /** Certificate profiles by name. The profile named {@code default} serves the unlabeled path. */
    Map<String, ProfileConfig> profiles();

    /**
     * Labels ({@code /.well-known/est/<label>/...}) mapped to profile names. The unlabeled path is the label
     * {@code default}. Outside demo mode it is served only when listed here ({@code est.labels.default=<profile>});
     * otherwise it answers 404 naming this property. Demo mode serves it with the profile named {@code default}.
     */
    Map<String, String> labels();

    /** The admin API ({@code /api/v1}). */
    Admin admin();

    /** The operations console ({@code /console/}), which signs in with the admin API's tokens or certificates. */
    Console console();

    /** Request limits. */
    Limits limits();

    /** Response shape options for old clients. */
    Responses responses();

    /** CRL and OCSP publication ({@code /crl/<ca>.crl}, {@code /ocsp}). */
    Revocation revocation();

    /**
     * Brute-force limits on failed authentication (HTTP Basic, one-time codes, admin tokens): 429 + Retry-After
     * while locked out. Counters live in each replica's memory, so with N replicas behind a load balancer an
     * attacker gets up to N times the attempts.
     */
    Throttle throttle();

    /** The cryptographic providers the service computes with. */
    Crypto crypto();

    interface Crypto {
        /**
         * {@code auto}: AWS-LC through the Amazon Corretto Crypto Provider for CSR checks, CA signatures and the TLS
         * handshake's primitives where its native library loads (Linux x86-64, a temporary directory that allows
         * executables), else the JDK's and BouncyCastle's providers, with one warning at startup. {@code native}:
         * refuse to start without it. {@code jdk}: never load it.
         */
        @WithDefault("auto")
        Provider provider();

        enum Provider {
            AUTO, NATIVE, JDK
        }
    }

    interface Demo {
        /** Generate a demo CA, TLS certificate and bootstrap credential on first start, and reuse them after. */
        @WithDefault("false")
        boolean enabled();

        /** Directory of the generated demo material ({@code ca.pem} is the trust anchor clients use). */
        @WithDefault(".est")
        Path dir();
    }

    interface Ca {
        /**
         * PEM file with the issuing CA certificate (the one {@link #keyFile()} belongs to) first, then each
         * certificate's issuer in turn up to the self-signed root. Checked at startup: each certificate is issued by
         * the next (name and signature), all are valid now and are CA certificates (basicConstraints cA, keyCertSign
         * when keyUsage is present). Without the root at its end, {@link #trustAnchorFile()} must supply it.
         */
        Optional<Path> certFile();

        /** PEM file with the issuing CA private key (PKCS#8, or the traditional RSA/EC form). */
        Optional<Path> keyFile();

        /**
         * PEM files of rollover certificates that {@code /cacerts} returns after the chain (RFC 7030 §4.1.3): the
         * next CA certificate and the OldWithNew / NewWithOld link certificates.
         */
        Optional<List<Path>> rolloverCertFiles();

        /**
         * PEM file with root CA certificates, for a {@link #certFile()} that ends below its root: the root that
         * issued its last certificate (by name and signature) completes the chain, so that {@code /cacerts} gives
         * clients the trust anchor. Unused when the chain file ends in its root.
         */
        Optional<Path> trustAnchorFile();
    }

    interface Tls {
        /**
         * PEM file with the server certificate (the one {@link #keyFile()} belongs to) first, then each issuer in
         * turn; the root may be left out. Checked at startup: order, signatures and validity.
         */
        Optional<Path> certFile();

        /** PEM file with the server private key. */
        Optional<Path> keyFile();

        /** Enabled TLS versions. TLS 1.2 stays on for libest-based clients. */
        @WithDefault("TLSv1.3,TLSv1.2")
        Set<String> protocols();

        /**
         * The TLS stack of the HTTPS listener. {@code auto}: BoringSSL (netty-tcnative) where the native crypto
         * providers are in use ({@code est.crypto.provider}), its library loads and no profile requires channel
         * binding, else the JDK's, with the reason at startup. {@code boringssl}: refuse to start without it.
         * {@code jdk}: the JDK's. BoringSSL through netty-tcnative exports no keying material, which tls-exporter
         * channel binding is made of.
         */
        @WithDefault("auto")
        Engine engine();

        /** HTTP Strict Transport Security (RFC 6797) on every HTTPS response. */
        Hsts hsts();

        enum Engine {
            AUTO, BORINGSSL, JDK
        }
    }

    interface Hsts {
        /**
         * Send {@code Strict-Transport-Security}. Browsers (the admin console, Swagger UI) then refuse plain HTTP
         * to this host name for {@link #maxAge()}; EST clients ignore it. Turn it off only when another host
         * under the same name must still be reached over plain HTTP.
         */
        @WithDefault("true")
        boolean enabled();

        /** How long browsers remember it; {@code 0S} tells them to forget an earlier one. */
        @WithDefault("P365D")
        Duration maxAge();

        /** Extend it to every subdomain of the host name ({@code includeSubDomains}). */
        @WithDefault("false")
        boolean includeSubdomains();
    }

    interface Auth {
        /** Realm named in the {@code WWW-Authenticate: Basic} challenge. */
        @WithDefault("estrealm")
        String realm();

        /**
         * PEM files of CAs (manufacturer / IDevID) whose certificates may authenticate {@code /simpleenroll}.
         * This is not the issuing CA: certificates we issue authenticate {@code /simplereenroll}.
         */
        Optional<List<Path>> enrollmentTrustFiles();

        /**
         * Bootstrap credentials (username to password) stored hashed at startup. Supply the password through the
         * environment or a mounted secret, never in a committed file. The demo credential is refused outside demo mode.
         */
        @WithName("bootstrap-credentials")
        Map<String, String> bootstrapCredentials();

        /**
         * The label each bootstrap credential of {@link #bootstrapCredentials()} may enroll on, by username
         * ({@code default} for the unlabeled path). Outside demo mode every credential needs one: a credential
         * bound to no label would enroll on every label, past each label's profile, so the service refuses to
         * start without it. Give each label a credential of its own.
         */
        @WithName("bootstrap-credential-labels")
        Map<String, String> bootstrapCredentialLabels();

        /**
         * How long a bootstrap password that matched its Argon2id hash is remembered (as an HMAC under a key that
         * lives only in this process), so that a fleet sharing one credential does not pay an Argon2id computation
         * per enrollment. Wrong passwords are never remembered. {@code 0S} verifies every request with Argon2id.
         */
        @WithDefault("5M")
        Duration verifiedPasswordTtl();

        /**
         * How long a replica uses a reusable bootstrap credential's row (revocation, expiry, restrictions, hash)
         * before it reads it again, instead of a database read per enrollment. A revocation through this replica
         * takes effect at once; through another replica, within this time. Single-use credentials and unknown
         * usernames are read every time. {@code 0S} reads the row on every request.
         */
        @WithDefault("1S")
        Duration credentialCacheTtl();
    }

    interface Admin {
        /**
         * Admin API bearer tokens of role {@code admin} (every call) by name, stored hashed (SHA-256) at startup;
         * at least 32 characters of random. Supply them through the environment or a mounted secret. Demo mode adds
         * one named {@code demo}, written to {@code <demo dir>/admin-token}.
         */
        Map<String, String> tokens();

        /**
         * Admin API bearer tokens of role {@code auditor} (read-only: lists, details, events, statistics) by name,
         * with the same rules as {@link #tokens()}. A name may not appear in both maps.
         */
        @WithName("auditor-tokens")
        Map<String, String> auditorTokens();

        /**
         * PEM files of CAs whose TLS client certificates authenticate admin API calls without a token. The
         * certificate's subject OU names its role: {@code admin} or {@code auditor}. These CAs authenticate nothing
         * on the EST paths.
         */
        Optional<List<Path>> clientCaFiles();
    }

    interface Console {
        /** A console session that sends no request for this long ends; the next page asks to sign in again. */
        @WithDefault("30M")
        Duration idleTimeout();

        /** A console session ends this long after sign-in, however busy. */
        @WithDefault("8H")
        Duration lifetime();
    }

    interface Limits {
        /** Largest request body accepted; larger ones get 413. */
        @WithDefault("64K")
        MemorySize maxBodySize();

        /**
         * How much of a request body that was still arriving when its answer was sent (a 413, or a refusal that
         * did not need the body) is read and thrown away. Closing a connection with unread bytes makes the kernel
         * send a TCP reset, which can destroy the answer before the client reads it; reading the rest keeps the
         * connection usable. Beyond this, or {@link #unreadBodyTimeout()}, an HTTP/1.x connection is closed and
         * an HTTP/2 stream reset (NO_ERROR). An HTTP/1.x request that declares more than this is answered with
         * {@code Connection: close}.
         */
        @WithDefault("1M")
        MemorySize unreadBodyDiscard();

        /** How long the rest of such a body may take to arrive; see {@link #unreadBodyDiscard()}. */
        @WithDefault("10S")
        Duration unreadBodyTimeout();

        /** Retry-After sent with 503 when the database is unreachable. */
        @WithDefault("30S")
        Duration databaseRetryAfter();
    }

    interface Throttle {
        /**
         * Failed attempts from one client address (for IPv6, its /64 network) within {@link #window()} after which
         * the address is locked out of HTTP Basic, one-time code and admin token authentication for
         * {@link #lockout()}. Behind a proxy or NAT every client shares one address: raise it, or let the service
         * see client addresses (PROXY protocol, {@code externalTrafficPolicy: Local}).
         */
        @WithDefault("10")
        int maxFailuresPerAddress();

        /**
         * Failed HTTP Basic attempts for one username, from any address, within {@link #window()} after which the
         * username is locked out for {@link #lockout()}, even with the right password. Unknown usernames are
         * counted the same way, so a lockout does not reveal whether a username exists.
         */
        @WithDefault("20")
        int maxFailuresPerUsername();

        /** The period, from the first failure, in which failures are counted; then counting starts afresh. */
        @WithDefault("5M")
        Duration window();

        /** How long an address or username stays locked out; then its count starts afresh. */
        @WithDefault("15M")
        Duration lockout();

        /**
         * Most addresses, and most usernames, tracked at once. When full, the one whose last failure is oldest is
         * forgotten, so a scan from many addresses cannot grow memory without bound (a few hundred bytes each).
         */
        @WithDefault("10000")
        int maxTracked();
    }

    interface Responses {
        /** Line length of base64 response bodies (a multiple of 4); lines end with CRLF. */
        @WithDefault("64")
        int base64LineLength();

        /** Send {@code Content-Transfer-Encoding: base64}, which old clients expect (RFC 8951 says to ignore it). */
        @WithDefault("true")
        boolean contentTransferEncodingHeader();
    }

    interface Revocation {
        /**
         * Absolute http(s) URL (scheme, host, optional port and path prefix) under which relying parties reach this
         * service. Issued certificates name {@code <base-url>/crl/<ca>.crl} in CRL Distribution Points and
         * {@code <base-url>/ocsp} in Authority Information Access. Unset: certificates carry neither extension
         * (the CRL and OCSP endpoints are served all the same); demo, dev and test set it. To have certificates point
         * at the plain-HTTP listener ({@link #http()}), as most relying parties expect (RFC 5280 §4.2.1.13 and
         * RFC 6960 name http URIs), give its address: {@code http://pki.example.com:8080}.
         */
        Optional<String> baseUrl();

        /**
         * How long a CRL is valid (nextUpdate minus thisUpdate). A new CRL is signed when a certificate of its CA is
         * revoked and, at the latest, when half of this has passed, so a cached CRL is replaced well before it expires.
         */
        @WithDefault("PT24H")
        Duration crlValidity();

        /** The plain-HTTP listener for CRL and OCSP, off unless {@code est.revocation.http.port} is set. */
        Http http();

        /**
         * CRL and OCSP over plain HTTP, on a port of their own that serves nothing else: every other path (EST, the
         * admin API) answers 404 there. Their responses are signed, and a relying party that checks revocation
         * over HTTPS would first have to check the revocation of the server's own certificate.
         */
        interface Http {
            /** Port of the listener. Unset (the default): no plain-HTTP listener; CRL and OCSP stay on HTTPS. */
            OptionalInt port();

            /** Address the listener binds to; all interfaces by default, as relying parties are elsewhere. */
            @WithDefault("0.0.0.0")
            String host();
        }
    }
}
