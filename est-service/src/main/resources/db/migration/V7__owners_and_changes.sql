-- Owners: the Kubernetes operator registers devices and issues bootstrap credentials on behalf of a DeviceEnrollment.
-- owner is its stable, human-readable name ('DeviceEnrollment apps/a1'); owner_uid the unique id of this incarnation
-- of it: deleting and applying the object again keeps the name and changes the uid. NULL: made by an administrator
-- by hand, or before owners existed. A registration refuses an owner of another name (409), so no namespace can take
-- over another's device; a credential issued for an owner revokes that owner's earlier ones, so that a retried issue
-- never leaves a second valid credential that nobody holds.
alter table device add column owner text;
alter table device add column owner_uid text;
alter table device add constraint device_owner_check check ((owner is null) = (owner_uid is null));
alter table credential add column owner text;
alter table credential add column owner_uid text;
alter table credential add constraint credential_owner_check check ((owner is null) = (owner_uid is null));

-- The changes feed (GET /api/v1/registrations?changedSince=) pages devices by (updated_at, id) from its cursor on.
create index device_updated_at_id_idx on device (updated_at, id);
-- Issuing a credential for an owner, and revoking an owner's credentials, read the owner's unrevoked ones.
create index credential_owner_uid_idx on credential (owner_uid) where owner_uid is not null and revoked_at is null;
