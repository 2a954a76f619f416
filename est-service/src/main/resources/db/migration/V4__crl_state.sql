-- The last CRL published for each issuing CA. The row is locked while a new CRL is signed, so that replicas never
-- publish two CRLs with the same number and the number only grows (RFC 5280 §5.2.3).

create table crl_state (
    issuing_ca    text        primary key,  -- the CA's name in configuration, as in /crl/<name>.crl
    -- 0 only inside the transaction that signs the first CRL (CrlState.lockOrCreate)
    crl_number    bigint      not null check (crl_number >= 0),
    this_update   timestamptz not null,
    next_update   timestamptz not null,
    -- How many revoked certificates of this CA the CRL lists: a different count means a revocation since.
    revoked_count bigint      not null,
    der           bytea       not null
);

-- CRL generation reads the revoked certificates of one issuer; OCSP reads one serial (the primary key).
create index certificate_revoked_issuer_idx on certificate (issuer) where status = 'REVOKED';

-- Deleting or following a certificate checks which certificate replaced it; without this index each such check
-- (including the foreign key's own on delete) scans the whole table.
create index certificate_replaces_serial_idx on certificate (replaces_serial);
