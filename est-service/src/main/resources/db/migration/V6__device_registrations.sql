-- Device registrations (admin API /api/v1/registrations): an operator may hold a device, before and after it
-- enrolls, to a list of subject alternative names and to a validity shorter than its profile's.
-- allowed_sans: entries such as 'DNS:app.example.com' or 'IP:10.0.0.7'; NULL means the profile's SAN rules only,
-- an empty array that the device may have no SANs at all.
alter table device add column allowed_sans text[];
-- validity_seconds: NULL means the profile's validity; otherwise the shorter of the two applies.
alter table device add column validity_seconds bigint check (validity_seconds > 0);
