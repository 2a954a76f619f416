package dev.estserver.service.ca;

import org.bouncycastle.operator.ContentSigner;

/**
 * The signing key of an issuing CA, wherever it is kept. Every signature a CA makes (certificates, CRLs, OCSP
 * responses, CMS messages) is made through one, so that a key in a PKCS#11 token or in another crypto provider
 * replaces the key read from a PEM file without the CA or its callers changing.
 */
public interface CaSigner {

    /**
     * A new signer for one signature, with the algorithm that fits the key: a {@link ContentSigner} holds the state
     * of the signature being made, so it is neither shared between threads nor reused.
     */
    ContentSigner contentSigner();

    /**
     * Whether the key is in this process's memory: a signature then costs microseconds and nobody outside sees it,
     * so enrollment may sign before it knows that the certificate will be stored. A token's key is asked for no
     * signature that may be thrown away.
     */
    boolean inProcess();

    /** The name of the provider that makes its signatures, as health and metrics report it. */
    String provider();
}
