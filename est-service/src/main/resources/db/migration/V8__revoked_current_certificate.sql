-- A device whose current certificate was revoked holds no valid certificate: it is PENDING (it may enroll again),
-- not ACTIVE. Earlier versions left such devices ACTIVE.
update device set status = 'PENDING', updated_at = now()
where status = 'ACTIVE'
  and current_certificate_serial in (select serial from certificate where status = 'REVOKED');
