package dev.estserver.service.support;

import java.security.PrivateKey;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.operator.ContentSigner;

import dev.estserver.service.ca.CaSigner;
import dev.estserver.service.ca.SignatureAlgorithms;

/**
 * Signs with a key in memory and counts the signatures asked of it, as a token would see them. A CA made with it
 * ({@code IssuingCa.of}) has already asked for one: the probe that checks the key against the certificate.
 */
public final class CountingSigner implements CaSigner {

    private final PrivateKey key;
    private final AtomicInteger signatures = new AtomicInteger();

    public CountingSigner(PrivateKey key) {
        this.key = key;
    }

    @Override
    public ContentSigner contentSigner() {
        signatures.incrementAndGet();
        return SignatureAlgorithms.signer(key);
    }

    @Override
    public String provider() {
        return "counting " + SignatureAlgorithms.forKey(key);
    }

    public int signatures() {
        return signatures.get();
    }
}
