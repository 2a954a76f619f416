package dev.estserver.service.revocation;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.asn1.x500.X500Name;

import dev.estserver.service.ca.CertificateState;
import dev.estserver.service.ca.RevokedEntry;
import dev.estserver.service.ca.SerialNumbers;
import dev.estserver.service.store.CertificateRecord;

/** Whether a certificate we issued is revoked, read from the database every time: nothing here is cached. */
@ApplicationScoped
public class CertificateStates {

    /** The state of {@code serial} under the CA named {@code issuer}; unknown when we did not issue it. */
    @Transactional
    public CertificateState find(X500Name issuer, BigInteger serial) {
        return CertificateRecord.findBySerial(SerialNumbers.toHex(serial))
                .filter(record -> record.issuer.equals(issuer.toString()))
                .<CertificateState>map(record -> record.status == CertificateRecord.Status.REVOKED
                        ? new CertificateState.Revoked(new RevokedEntry(serial, record.revokedAt,
                                record.revocationReason == null ? RevokedEntry.UNSPECIFIED : record.revocationReason))
                        : new CertificateState.Good())
                .orElseGet(CertificateState.Unknown::new);
    }

    public CertificateState of(X509Certificate certificate) {
        return find(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()),
                certificate.getSerialNumber());
    }
}
