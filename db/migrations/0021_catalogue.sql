-- The catalogue: the laureate kits of published results, each showing the version the jury judged,
-- and for each distribution campaign which of them may be ordered, at what unit price and lead time.
-- Only a laureate of a published contest becomes a kit: addKit checks it in its transaction
-- (published decisions never change afterwards, so the check cannot go stale).

create table catalogue_kits (
  id          bigint generated always as identity primary key,
  proposal_id bigint not null unique references proposals (id),
  -- The submitted version the catalogue shows: its fields, photos and documents never change.
  version     int not null,
  -- The kit's public address, /catalogue/<slug>: lowercase words joined by hyphens.
  slug        text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) between 3 and 80),
  created_by  bigint references users (id),
  created_at  timestamptz not null,
  foreign key (proposal_id, version) references proposal_versions (proposal_id, version)
);

-- A kit offered in a campaign. Withdrawing keeps the row (withdrawn_at set): orders to come will
-- point at the offer they were placed under.
create table campaign_offers (
  id               bigint generated always as identity primary key,
  campaign_id      bigint not null references distribution_campaigns (id) on delete cascade,
  kit_id           bigint not null references catalogue_kits (id),
  unit_price_cents bigint not null check (unit_price_cents > 0),
  lead_time_days   int not null check (lead_time_days > 0 and lead_time_days <= 365),
  -- Null while the kit may be ordered in the campaign; since when it may not, otherwise.
  withdrawn_at     timestamptz,
  updated_by       bigint references users (id),
  updated_at       timestamptz not null,
  unique (campaign_id, kit_id)
);
create index campaign_offers_kit_idx on campaign_offers (kit_id);
