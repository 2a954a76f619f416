-- Sessions of the operations console (auth.ConsoleSessions). The browser holds a random session secret in an
-- HttpOnly cookie; only its SHA-256 is stored, so a copy of this table signs nobody in. Sessions live here rather
-- than in one replica's memory so that any replica serves any page.
create table console_session (
    id                 bigint generated always as identity primary key,
    secret_hash        text        not null unique,
    -- The synchronizer token every form that changes something must send back (CSRF).
    csrf_token         text        not null,
    role               text        not null check (role in ('ADMIN', 'AUDITOR')),
    auth_method        text        not null check (auth_method in ('ADMIN_TOKEN', 'CLIENT_CERTIFICATE')),
    principal          text        not null,
    -- The admin token signed in with: revoking or expiring it ends its sessions at their next request.
    token_id           bigint      references credential (id) on delete cascade,
    -- The client certificate signed in with: every request of the session must present it again.
    certificate_sha256 text,
    client_address     text,
    created_at         timestamptz not null,
    last_seen_at       timestamptz not null,
    expires_at         timestamptz not null,
    ended_at           timestamptz,
    check ((auth_method = 'ADMIN_TOKEN') = (token_id is not null)),
    check ((auth_method = 'CLIENT_CERTIFICATE') = (certificate_sha256 is not null))
);

create index console_session_expires_at_idx on console_session (expires_at);

-- A device's last contact (its most recent EST request) is read from the audit per device. The index replaces the
-- one on device_identity alone, which it serves as well: every enrollment writes an audit row, and each index on
-- the table is one more write per enrollment.
create index enrollment_event_device_label_idx on enrollment_event (device_identity, label, occurred_at desc);
drop index enrollment_event_device_idx;

-- SIGNED_IN, SIGNED_OUT: an operator's console session began or ended.
alter table enrollment_event drop constraint enrollment_event_outcome_check;
alter table enrollment_event add constraint enrollment_event_outcome_check
    check (outcome in ('ISSUED', 'REJECTED', 'FAILED', 'PENDING', 'APPROVED', 'DENIED', 'CREATED',
                       'UPDATED', 'REVOKED', 'DELETED', 'SIGNED_IN', 'SIGNED_OUT'));
