package dev.estserver.service.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The last CRL published for one issuing CA, shared by all replicas. */
@Entity
@Table(name = "crl_state")
public class CrlState extends PanacheEntityBase {

    /** The CA's name in configuration. */
    @Id
    @Column(name = "issuing_ca")
    public String issuingCa;

    @Column(name = "crl_number")
    public long crlNumber;

    @Column(name = "this_update")
    public Instant thisUpdate;

    @Column(name = "next_update")
    public Instant nextUpdate;

    /** How many revoked certificates the CRL lists; another count in the certificate table means it is stale. */
    @Column(name = "revoked_count")
    public long revokedCount;

    public byte[] der;

    /**
     * Returns the CA's row, locked for the rest of the transaction, created with number 0 (no CRL yet) if there is
     * none. A replica that wants to publish waits here for one publishing concurrently, then sees its number: this is
     * what keeps the CRL number growing across replicas.
     */
    public static CrlState lockOrCreate(String issuingCa) {
        getEntityManager().createNativeQuery("""
                insert into crl_state (issuing_ca, crl_number, this_update, next_update, revoked_count, der)
                values (?1, 0, now(), now(), -1, ''::bytea) on conflict (issuing_ca) do nothing""")
                .setParameter(1, issuingCa).executeUpdate();
        return findById(issuingCa, LockModeType.PESSIMISTIC_WRITE);
    }
}
