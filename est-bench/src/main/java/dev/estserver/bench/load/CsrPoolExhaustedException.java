package dev.estserver.bench.load;

/** More enrollments were attempted than the pool holds requests for: the scenario must fail, not reuse identities. */
public final class CsrPoolExhaustedException extends RuntimeException {

    public CsrPoolExhaustedException(int size) {
        super("CSR pool exhausted: all " + size + " pre-generated requests were used; generate more");
    }
}
