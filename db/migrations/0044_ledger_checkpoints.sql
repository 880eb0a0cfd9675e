-- The envelope page checks every counter against the ledger on each visit. At national size, summing
-- every entry cost 90–130 ms. The ledger is append-only, so the sums of an account's entries up to
-- an id never change: the worker keeps them here, one checkpoint per account, and the page adds only
-- the entries written since (docs/decisions/050-ledger-checkpoints.md).
create table ledger_checkpoints (
  campaign_id      bigint not null references distribution_campaigns on delete cascade,
  -- null: the national reserve.
  departement_code text references departements,
  account          text generated always as (coalesce(departement_code, 'réserve')) stored,
  -- The sums below are those of this account's entries whose id is at most this one.
  up_to_id         bigint not null check (up_to_id >= 0),
  cap_cents        bigint not null,
  reserved_cents   bigint not null,
  committed_cents  bigint not null,
  spent_cents      bigint not null,
  made_at          timestamptz not null,
  primary key (campaign_id, account)
);

-- An account's entries after its checkpoint, read off the index.
drop index ledger_entries_by_campaign;
create index ledger_entries_by_account on ledger_entries (campaign_id, departement_code, id);
