package dev.estserver.service.enrollment;

/** Where an enrollment stands on a profile that requires manual approval. */
sealed interface Admission {

    /** Approved and not yet issued: issue now, then mark the request issued. */
    record Approved(long requestId) implements Admission {
    }

    /** Waiting for a decision: answer 202. */
    record Waiting(String reason) implements Admission {
    }

    /** Issued on an earlier poll whose answer the client may have lost: send the same certificate again. */
    record Issued(IssuedCertificate certificate) implements Admission {
    }
}
