package dev.estserver.service.enrollment;

/** A certificate that is committed to the database and may be returned to the client. */
public record IssuedCertificate(String serial, byte[] der) {
}
