-- Admin API: token roles, the outcomes of admin actions, and indexes behind its list filters.

-- Every admin token has one role: ADMIN (every call) or AUDITOR (read-only). Tokens stored before roles existed
-- were all-powerful, so they stay ADMIN.
alter table credential add column role text check (role in ('ADMIN', 'AUDITOR'));
update credential set role = 'ADMIN' where kind = 'ADMIN_TOKEN';
alter table credential add constraint credential_admin_token_role_check
    check ((kind = 'ADMIN_TOKEN') = (role is not null));

-- UPDATED: a device suspended, resumed or reset; REVOKED: a certificate revoked; DELETED: a device deleted.
alter table enrollment_event drop constraint enrollment_event_outcome_check;
alter table enrollment_event add constraint enrollment_event_outcome_check
    check (outcome in ('ISSUED', 'REJECTED', 'FAILED', 'PENDING', 'APPROVED', 'DENIED', 'CREATED',
                       'UPDATED', 'REVOKED', 'DELETED'));

-- Device and certificate lists page by key (device id, certificate serial) within an optional label or status;
-- the identity search is a prefix match, which text_pattern_ops serves whatever the database collation.
create index device_label_id_idx on device (label, id);
create index device_status_id_idx on device (status, id);
create index device_identity_prefix_idx on device (identity text_pattern_ops);
-- The device of a current certificate: the expiring-before filter joins on it, and deleting a certificate checks it.
create index device_current_certificate_idx on device (current_certificate_serial);
create index certificate_label_serial_idx on certificate (label, serial);
create index certificate_status_serial_idx on certificate (status, serial);

-- Events page newest first by id, within a device (index of V1), an operation or an outcome.
create index enrollment_event_operation_id_idx on enrollment_event (operation, id);
create index enrollment_event_outcome_id_idx on enrollment_event (outcome, id);
