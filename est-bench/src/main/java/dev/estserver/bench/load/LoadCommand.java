package dev.estserver.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import dev.estserver.bench.UsageException;

/**
 * {@code load}: drives any EST server's {@code /simpleenroll} for one scenario and prints one summary line.
 * Exit 0 when every counted enrollment succeeded, 1 when any failed or none completed.
 */
public final class LoadCommand {

    static final String USAGE = "load --url https://host:port/.well-known/est[/label] --trust ca.pem"
            + " (--basic user:password | --client-cert cert.pem --client-key key.pem) [--concurrency 8]"
            + " [--connections keep-alive|new|new-resumed] [--warmup 5s] [--duration 20s] [--csrs 20000]";

    private static final Set<String> OPTIONS = Set.of("--url", "--trust", "--basic", "--client-cert", "--client-key",
            "--concurrency", "--connections", "--warmup", "--duration", "--csrs");
    private static final Map<String, ConnectionMode> MODES = Map.of("keep-alive", ConnectionMode.KEEP_ALIVE,
            "new", ConnectionMode.NEW_CONNECTION, "new-resumed", ConnectionMode.NEW_CONNECTION_RESUMED);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private LoadCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = options(args);
        String url = required(options, "--url");
        String mode = options.getOrDefault("--connections", "keep-alive");
        ConnectionMode connections = MODES.get(mode);
        if (connections == null) {
            throw new UsageException("--connections must be keep-alive, new or new-resumed, was '" + mode + "'");
        }
        int concurrency = positive(options, "--concurrency", 8);
        Duration duration = duration(options, "--duration", "20s");
        if (duration.isZero()) {
            throw new UsageException("--duration must be longer than 0");
        }
        LoadSpec spec = new LoadSpec(estBase(url), certificates(required(options, "--trust")), credentials(options),
                concurrency, connections, duration(options, "--warmup", "5s"), duration);
        int count = positive(options, "--csrs", 20_000);

        long generating = System.nanoTime();
        // Distinct per run, so that running the command again against the same server enrolls new identities.
        CsrPool csrs = CsrPool.generate(count, "bench-" + Long.toString(System.currentTimeMillis(), 36));
        double seconds = (System.nanoTime() - generating) / 1e9;
        err.printf(Locale.ROOT, "bench: generated %d CSRs in %.1f s (%.0f/s)%n", count, seconds, count / seconds);

        LoadResult result;
        try {
            result = new LoadGenerator().run(spec, csrs, MeasurementListener.NONE);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println(summary(url, concurrency, mode, result));
        if (result.errors() > 0) {
            StringBuilder kinds = new StringBuilder("bench: error kinds");
            result.errorKinds().forEach((kind, n) -> kinds.append(' ').append(kind).append('=').append(n));
            out.println(kinds);
            result.errorSamples().forEach(sample -> out.println("bench: error " + sample));
            return 1;
        }
        if (result.enrollments() == 0) {
            out.println("bench: no enrollment completed inside the measured window; lengthen --duration");
            return 1;
        }
        return 0;
    }

    static String summary(String url, int concurrency, String mode, LoadResult result) {
        LoadResult.Latencies latencies = result.latencies();
        return String.format(Locale.ROOT,
                "bench: load url=%s conc=%d connections=%s throughput=%.1f/s p50=%.2fms p95=%.2fms p99=%.2fms"
                        + " errors=%d",
                url, concurrency, mode, result.throughputPerSecond(), latencies.p50(), latencies.p95(),
                latencies.p99(), result.errors());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new UsageException("unknown option '" + args[i] + "'; usage: " + USAGE);
            }
            if (i + 1 == args.length) {
                throw new UsageException(args[i] + " needs a value; usage: " + USAGE);
            }
            if (options.put(args[i], args[i + 1]) != null) {
                throw new UsageException(args[i] + " given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(name + " is required; usage: " + USAGE);
        }
        return value;
    }

    private static int positive(Map<String, String> options, String name, int byDefault) {
        String value = options.get(name);
        if (value == null) {
            return byDefault;
        }
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the value seen
        }
        throw new UsageException(name + " must be a positive integer, was '" + value + "'");
    }

    private static Duration duration(Map<String, String> options, String name, String byDefault) {
        String value = options.getOrDefault(name, byDefault);
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new UsageException(name + " must be like 500ms, 20s or 2m, was '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    private static URI estBase(String url) {
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the value seen
        }
        throw new UsageException("--url must be https://host[:port]/.well-known/est[/label], was '" + url + "'");
    }

    private static ClientCredentials credentials(Map<String, String> options) {
        String basic = options.get("--basic");
        String certificate = options.get("--client-cert");
        String key = options.get("--client-key");
        if (basic != null && certificate == null && key == null) {
            int colon = basic.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--basic must be user:password");
            }
            return new ClientCredentials.Basic(basic.substring(0, colon), basic.substring(colon + 1));
        }
        if (basic == null && certificate != null && key != null) {
            return new ClientCredentials.ClientCertificate(privateKey(key), certificates(certificate));
        }
        throw new UsageException("give either --basic or both --client-cert and --client-key; usage: " + USAGE);
    }

    private static List<X509Certificate> certificates(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("cannot read certificates from " + file + ": " + e.getMessage());
        }
        throw new UsageException("expected PEM certificates in " + file + ", found none");
    }

    private static PrivateKey privateKey(String file) {
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (parser.readObject()) {
                case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null -> throw new UsageException("expected a PEM private key in " + file + ", found none");
                case Object other -> throw new UsageException("expected an unencrypted PEM private key in " + file
                        + ", found " + other.getClass().getSimpleName());
            };
        } catch (IOException e) {
            throw new UsageException("cannot read a private key from " + file + ": " + e.getMessage());
        }
    }
}
