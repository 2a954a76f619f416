package dev.estserver.service.support;

import java.security.PrivateKey;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.operator.ContentSigner;

import dev.estserver.service.ca.CaSigner;
import dev.estserver.service.ca.SignatureAlgorithms;

/**
 * Signs with a key in memory and counts the signatures asked of it, as a token would see them; it says it holds
 * its key in process only when made with {@link #inProcess(PrivateKey)}. A CA made with it ({@code IssuingCa.of})
 * has already asked for one: the probe that checks the key against the certificate.
 */
public final class CountingSigner implements CaSigner {

    private final PrivateKey key;
    private final boolean inProcess;
    private final AtomicInteger signatures = new AtomicInteger();

    /** A signer that stands for a token: enrollment asks it for no signature that may be thrown away. */
    public CountingSigner(PrivateKey key) {
        this(key, false);
    }

    private CountingSigner(PrivateKey key, boolean inProcess) {
        this.key = key;
        this.inProcess = inProcess;
    }

    /** A signer that stands for a key in this process, as one read from a PEM file. */
    public static CountingSigner inProcess(PrivateKey key) {
        return new CountingSigner(key, true);
    }

    @Override
    public ContentSigner contentSigner() {
        signatures.incrementAndGet();
        return SignatureAlgorithms.signer(key);
    }

    @Override
    public boolean inProcess() {
        return inProcess;
    }

    @Override
    public String provider() {
        return "counting " + SignatureAlgorithms.forKey(key);
    }

    public int signatures() {
        return signatures.get();
    }
}
