-- One-time enrollment codes (RFC 7894 otpChallenge in the CSR): bootstrap credentials without a username, found by
-- the SHA-256 of the code, optionally restricted to one EST label and one device identity, always expiring, and used
-- up (used_at) in the transaction that records the certificate they paid for.

alter table credential drop constraint credential_kind_check;
alter table credential add constraint credential_kind_check
    check (kind in ('BOOTSTRAP', 'ADMIN_TOKEN', 'ONE_TIME_CODE'));

-- A code is presented alone, so it has no username; every other kind keeps one.
alter table credential alter column username drop not null;
alter table credential add constraint credential_username_check
    check ((kind = 'ONE_TIME_CODE') = (username is null));

-- The EST label a code may enroll on; null: any label whose profile accepts one-time codes.
alter table credential add column label text;

alter table credential add constraint credential_one_time_code_check
    check (kind <> 'ONE_TIME_CODE' or (one_time and expires_at is not null));

create unique index credential_one_time_code_hash_key on credential (secret_hash) where kind = 'ONE_TIME_CODE';
