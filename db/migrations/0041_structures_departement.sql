-- A structure's département, kept on its row (docs/decisions/046-bounded-counts.md): the queues of
-- an instructor or of one département, and their counts by status, are then read from one index in
-- the list's order instead of joining the communes and walking every structure of a status.

alter table structures add column departement_code text;
update structures s set departement_code = c.departement_code from communes c where c.insee_code = s.commune_code;
alter table structures alter column departement_code set not null;

-- Written from the commune, never by the application: it cannot disagree with it.
create function structures_departement() returns trigger language plpgsql as $$
begin
  new.departement_code := (select departement_code from communes where insee_code = new.commune_code);
  return new;
end $$;
create trigger structures_departement before insert or update of commune_code, departement_code on structures
  for each row execute function structures_departement();

-- A département's queue in one status, waiting ones oldest first, decided ones newest first.
create index structures_by_departement_status on structures (departement_code, status, status_at, id);
-- A département's queue, every status, newest first.
create index structures_by_departement on structures (departement_code, status_at, id);

-- A département's orders in one status, those waiting oldest first, the others the latest moved
-- first; its counts by status read from the same entries (it replaces orders_by_departement, its prefix).
create index orders_by_departement_status_at on orders (campaign_id, departement_code, status, status_at, id);
drop index orders_by_departement;
-- A département's orders, every status, the latest moved first.
create index orders_by_departement_at on orders (campaign_id, departement_code, status_at, id);
