-- Instructors verify structures (and, later, approve orders) of one département: their
-- memberships are scoped 'departement:<INSEE code>' ('75', '2A', '971').
alter table memberships drop constraint memberships_role_check;
alter table memberships add constraint memberships_role_check
  check (role in ('admin', 'juror', 'designer', 'structure', 'maker', 'instructor'));
alter table memberships drop constraint memberships_scope_check;
alter table memberships add constraint memberships_scope_check
  check (scope = '*' or scope ~ '^(contest|structure|maker):[0-9]+$' or scope ~ '^departement:([0-9]{2}|2A|2B|97[1-6])$');
-- An instructor always works on one département, never nationally.
alter table memberships add constraint instructor_scoped_to_departement
  check (role <> 'instructor' or scope like 'departement:%');
