-- Devices, certificates, credentials and the enrollment audit (ARCHITECTURE.md, Data model).

create table device (
    id                         bigint generated always as identity primary key,
    label                      text        not null,
    identity                   text        not null,
    status                     text        not null check (status in ('PENDING', 'ACTIVE', 'SUSPENDED', 'REVOKED')),
    current_certificate_serial text,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    -- A device identity is unique within a label: labels may use different CAs and policies.
    constraint device_label_identity_key unique (label, identity)
);

create table certificate (
    serial             text primary key,  -- upper-case hex, as openssl prints it
    device_id          bigint      not null references device (id),
    label              text        not null,
    issuer             text        not null,
    subject            text        not null,
    subject_alt_names  text,
    not_before         timestamptz not null,
    not_after          timestamptz not null,
    fingerprint_sha256 text        not null unique,
    der                bytea       not null,
    status             text        not null check (status in ('GOOD', 'REVOKED')),
    revoked_at         timestamptz,
    revocation_reason  integer,
    replaces_serial    text references certificate (serial),
    issued_at          timestamptz not null default now()
);
create index certificate_device_idx on certificate (device_id);
create index certificate_not_after_idx on certificate (not_after);

alter table device
    add constraint device_current_certificate_fk foreign key (current_certificate_serial) references certificate (serial);

create table credential (
    id              bigint generated always as identity primary key,
    kind            text        not null check (kind in ('BOOTSTRAP', 'ADMIN_TOKEN')),
    username        text        not null,
    secret_hash     text        not null,
    device_identity text,
    one_time        boolean     not null default false,
    expires_at      timestamptz,
    used_at         timestamptz,
    revoked_at      timestamptz,
    created_at      timestamptz not null default now(),
    constraint credential_kind_username_key unique (kind, username)
);

create table enrollment_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    request_id      text        not null,
    operation       text        not null,
    label           text,
    outcome         text        not null check (outcome in ('ISSUED', 'REJECTED', 'FAILED')),
    status_code     integer     not null,
    auth_method     text,
    principal       text,
    client_address  text,
    device_identity text,
    serial          text,
    reason          text
);
create index enrollment_event_occurred_at_idx on enrollment_event (occurred_at);
create index enrollment_event_device_idx on enrollment_event (device_identity);
