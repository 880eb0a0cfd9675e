-- Orders: a structure asks for kits of a campaign; the money is reserved on its département's
-- allocation (ledger entries naming the order) and counted against the structure's own cap
-- (structure_campaign_usage), both by guarded updates in the order's transaction, with these
-- checks as the last word (docs/decisions/027-orders-and-the-structure-cap.md).

create table orders (
  id               bigint generated always as identity primary key,
  structure_id     bigint not null references structures (id),
  campaign_id      bigint not null references distribution_campaigns (id),
  -- The allocation the order draws on: the structure's département at submission.
  departement_code text not null references departements (code),
  -- The version of the eligibility rules the order was checked against.
  rule_version     int not null,
  status           text not null check (status in ('cart', 'submitted', 'approved', 'rejected', 'routed', 'accepted', 'refused_by_maker',
                                                   'in_production', 'shipped', 'delivered', 'closed', 'cancelled')),
  -- From the form: a double click, a retry or a replayed request finds the same order.
  idempotency_key  text not null check (length(idempotency_key) between 8 and 100),
  total_cents      bigint not null check (total_cents > 0),
  total_units      int not null check (total_units > 0),
  submitted_by     bigint references users (id),
  submitted_at     timestamptz,
  decided_by       bigint references users (id),
  decided_at       timestamptz,
  -- Why an instructor rejected it.
  rejection_reason text check (length(rejection_reason) between 5 and 2000),
  cancelled_by     bigint references users (id),
  cancelled_at     timestamptz,
  status_at        timestamptz not null,
  unique (structure_id, idempotency_key),
  foreign key (campaign_id, rule_version) references eligibility_rules (campaign_id, version),
  check ((status = 'rejected') = (rejection_reason is not null)),
  check (status = 'cart' or (submitted_by is not null and submitted_at is not null))
);
create index orders_by_departement on orders (campaign_id, departement_code, status);
create index orders_by_structure on orders (structure_id, status_at desc);

create table order_lines (
  order_id         bigint not null references orders (id) on delete cascade,
  kit_id           bigint not null references catalogue_kits (id),
  quantity         int not null check (quantity > 0 and quantity <= 1000),
  -- The offer's price when the order was submitted: a later price change does not touch it.
  unit_price_cents bigint not null check (unit_price_cents > 0),
  primary key (order_id, kit_id)
);

-- What a structure's live orders (submitted to delivered) hold in a campaign, against the cap of
-- the rule version its last accepted submission was checked against (copied here, so the cap and
-- the usage sit in one row that one guarded update changes, and one check holds).
create table structure_campaign_usage (
  structure_id bigint not null references structures (id),
  campaign_id  bigint not null references distribution_campaigns (id),
  used_cents   bigint not null default 0 check (used_cents >= 0),
  used_units   int not null default 0 check (used_units >= 0),
  cap_cents    bigint check (cap_cents > 0),
  cap_units    int check (cap_units > 0),
  primary key (structure_id, campaign_id),
  constraint usage_within_structure_cap check ((cap_cents is null or used_cents <= cap_cents) and (cap_units is null or used_units <= cap_units))
);

-- Each reservation, commitment and release names the order it moves money for.
alter table ledger_entries add column order_id bigint references orders (id);
create index ledger_entries_by_order on ledger_entries (order_id) where order_id is not null;
