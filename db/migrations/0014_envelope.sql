-- The envelope: a distribution campaign's national cap, split across the 101 départements, with
-- a national reserve. Money only moves through ledger entries, and each allocation's counters
-- (cap, reserved, committed, spent) change in the same transaction as the entry that moves them.

create table distribution_campaigns (
  id                 bigint generated always as identity primary key,
  name               text not null check (length(name) between 3 and 120),
  national_cap_cents bigint not null check (national_cap_cents > 0),
  -- What the reserve holds now: it grows and shrinks with the moves to and from départements.
  reserve_cents      bigint not null check (reserve_cents >= 0),
  opens_at           timestamptz not null,
  closes_at          timestamptz not null check (closes_at > opens_at),
  -- The split's inputs, kept so that anyone can recompute it (docs/decisions/018).
  split_method       text not null default 'largest_remainder' check (split_method = 'largest_remainder'),
  weight_source      text not null check (length(weight_source) between 3 and 300),
  weight_year        int not null,
  initial_reserve_cents bigint not null check (initial_reserve_cents >= 0 and initial_reserve_cents <= national_cap_cents),
  floor_cents        bigint not null default 0 check (floor_cents >= 0),
  created_by         bigint references users,
  created_at         timestamptz not null
);

create table allocations (
  id               bigint generated always as identity primary key,
  campaign_id      bigint not null references distribution_campaigns on delete cascade,
  departement_code text not null references departements,
  weight           bigint not null check (weight >= 0),
  cap_cents        bigint not null check (cap_cents >= 0),
  reserved_cents   bigint not null default 0 check (reserved_cents >= 0),
  committed_cents  bigint not null default 0 check (committed_cents >= 0),
  spent_cents      bigint not null default 0 check (spent_cents >= 0),
  unique (campaign_id, departement_code),
  -- A département never owes more than it was given.
  constraint allocation_within_cap check (reserved_cents + committed_cents + spent_cents <= cap_cents)
);

-- Append-only: each entry moves money on one account — a département's allocation, or the
-- reserve when departement_code is null — by the deltas it carries. Entries written together
-- (a move takes from one account and gives to another) share a movement id.
create table ledger_entries (
  id               bigint generated always as identity primary key,
  campaign_id      bigint not null references distribution_campaigns on delete cascade,
  movement_id      bigint not null,
  kind             text not null check (kind in ('allocation', 'move', 'reservation', 'commitment', 'release', 'spending')),
  departement_code text references departements,
  cap_delta        bigint not null default 0,
  reserved_delta   bigint not null default 0,
  committed_delta  bigint not null default 0,
  spent_delta      bigint not null default 0,
  reason           text,
  actor_id         bigint references users,
  at               timestamptz not null,
  check (cap_delta <> 0 or reserved_delta <> 0 or committed_delta <> 0 or spent_delta <> 0)
);
create index ledger_entries_by_campaign on ledger_entries (campaign_id, departement_code);
create sequence ledger_movements;

create function ledger_entries_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'le grand livre ne se modifie pas : ajoutez une écriture' using errcode = 'P0001';
end $$;
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row when (pg_trigger_depth() = 0) execute function ledger_entries_append_only();

-- Σ caps + reserve = national cap, checked at commit on the rows as they are then: a
-- transaction may move money in several statements, but none may end with a euro created or lost.
-- (A campaign is inserted before its allocations, which is why the check is deferred.)
create function envelope_balanced() returns trigger language plpgsql as $$
declare
  -- The same check for both tables: a campaign row is its own campaign, an allocation names it.
  campaign bigint := (to_jsonb(new) ->> case tg_table_name when 'distribution_campaigns' then 'id' else 'campaign_id' end)::bigint;
  expected bigint;
  total bigint;
begin
  select c.national_cap_cents, c.reserve_cents + coalesce((select sum(a.cap_cents) from allocations a where a.campaign_id = c.id), 0)
    into expected, total
    from distribution_campaigns c where c.id = campaign;
  if found and total <> expected then
    raise exception 'enveloppe déséquilibrée (campagne %) : % centimes répartis pour un plafond national de %', campaign, total, expected
      using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger allocations_balanced after insert or update on allocations
  deferrable initially deferred for each row execute function envelope_balanced();
create constraint trigger campaigns_balanced after insert or update on distribution_campaigns
  deferrable initially deferred for each row execute function envelope_balanced();
