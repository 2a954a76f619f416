package dev.estserver.bench.limit;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import dev.estserver.bench.load.CsrPool;
import dev.estserver.service.ca.CertificateIssuer;
import dev.estserver.service.ca.CertificateRequestData;
import dev.estserver.service.ca.CertificateTemplate;
import dev.estserver.service.ca.IssuingCa;
import dev.estserver.service.crypto.CryptoProviders;
import dev.estserver.service.policy.CsrPolicy;

/**
 * The cryptographic limit of enrollment on this machine: how many CSR signature checks plus certificate signatures
 * per second the service's own code path does in-process on every core, without HTTP or a database. Each operation
 * is what an enrollment costs in cryptography: proof of possession, then building, signing and encoding the
 * certificate with the issuing CA parsed once, as the service does. Both the check and the signature run on the
 * provider set it is given, as in a service that chose that set.
 */
public final class CryptoLimit {

    /** The service's default profile: what production enrollments in the benchmark are issued with. */
    static final CertificateTemplate DEFAULT_PROFILE = new CertificateTemplate(Duration.ofDays(365),
            KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(KeyPurposeId.id_kp_clientAuth));

    /** Distinct requests cycled through; verification does no caching, so a few dozen are as good as a million. */
    private static final int CSRS = 64;

    private final CryptoProviders providers;
    private final IssuingCa ca;
    private final int threads;
    private final List<PKCS10CertificationRequest> csrs;

    public CryptoLimit(PrivateKey caKey, List<X509Certificate> caChain, CryptoProviders providers, int threads) {
        this.providers = providers;
        this.ca = IssuingCa.of(caKey, caChain, providers);
        this.threads = threads;
        CsrPool pool = CsrPool.generate(CSRS, "limit");
        this.csrs = IntStream.range(0, CSRS).mapToObj(i -> pool.next().request()).toList();
    }

    /** On every core the JVM sees, as the service would use them under load. */
    public static CryptoLimit onAllCores(PrivateKey caKey, List<X509Certificate> caChain, CryptoProviders providers) {
        return new CryptoLimit(caKey, caChain, providers, Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** The providers that check the CSRs and sign the certificates, by their JCA names. */
    public String computedOn() {
        return "CSR check on " + providers.csrVerification().getName() + ", CA signature on " + ca.signingProvider();
    }

    /** One enrollment's cryptography; returns the DER certificate the service would store and send. */
    byte[] enroll(PKCS10CertificationRequest csr) {
        CsrPolicy.verifyProofOfPossession(csr);
        return CertificateIssuer.der(ca.issue(DEFAULT_PROFILE, CertificateRequestData.of(csr), Instant.now()));
    }

    /** Operations per second over {@code duration}, after {@code warmup} lets the JIT compile the path. */
    public double measure(Duration warmup, Duration duration) {
        // The CSR check asks the process-wide active set, as it does in the service.
        providers.activate();
        LongAdder done = new LongAdder();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(Thread.ofPlatform().name("crypto-limit-" + t).start(() -> {
                try {
                    for (int i = first; !Thread.currentThread().isInterrupted(); i++) {
                        enroll(csrs.get(i % csrs.size()));
                        done.increment();
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        try {
            Thread.sleep(warmup);
            long startCount = done.sum();
            long start = System.nanoTime();
            Thread.sleep(duration);
            long count = done.sum() - startCount;
            long elapsed = System.nanoTime() - start;
            stop(workers);
            if (failure.get() != null) {
                throw new IllegalStateException("the crypto limit's enrollment path failed: "
                        + failure.get().getMessage(), failure.get());
            }
            return count / (elapsed / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the crypto limit", e);
        } finally {
            workers.forEach(Thread::interrupt);
        }
    }

    private static void stop(List<Thread> workers) throws InterruptedException {
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
