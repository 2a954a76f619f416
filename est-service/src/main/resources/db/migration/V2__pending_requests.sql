-- Manual approval (RFC 7030 §4.2.3: 202 + Retry-After). Clients poll by re-sending the same CSR, on any replica,
-- so a request is found again by the hash of its CSR within its label.

create table pending_request (
    id                 bigint generated always as identity primary key,
    label              text        not null,
    csr_sha256         text        not null,
    device_identity    text        not null,
    subject            text        not null,
    subject_alt_names  text,
    public_key         text        not null,  -- key kind and size, for the approver
    auth_method        text,
    principal          text,
    client_address     text,
    status             text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'ISSUED')),
    requested_at       timestamptz not null default now(),
    expires_at         timestamptz not null,
    decided_at         timestamptz,
    decided_by         text,
    decision_reason    text,
    certificate_serial text references certificate (serial),
    constraint pending_request_label_csr_key unique (label, csr_sha256)
);
create index pending_request_status_idx on pending_request (status, requested_at);

alter table enrollment_event drop constraint enrollment_event_outcome_check;
alter table enrollment_event add constraint enrollment_event_outcome_check
    check (outcome in ('ISSUED', 'REJECTED', 'FAILED', 'PENDING', 'APPROVED', 'DENIED', 'CREATED'));
