-- From an approved order to the confirmed delivery (docs/decisions/028-fulfilments.md).
--
-- Routing splits an order's units among makers: each maker's share is a fulfilment, with its own
-- life cycle (routed → accepted | refused → in_production → shipped → delivered, or cancelled); the
-- order's status follows from its fulfilments (app/orders/fulfilment-lifecycle.ts). A maker's share
-- counts against its monthly capacity from routing until a refusal or a cancellation gives it back.

-- How many units of each line are in a live (not refused, not cancelled) fulfilment.
alter table order_lines add column routed_units int not null default 0,
  add constraint routed_within_ordered check (routed_units between 0 and quantity);

-- One run of the routing: what it was given, its seed, what it could not route and why.
create table routing_runs (
  id          bigint generated always as identity primary key,
  campaign_id bigint not null references distribution_campaigns (id),
  seed        int not null,
  run_by      bigint references users (id),
  run_at      timestamptz not null,
  -- { routedUnits, unrouted: [{ orderId, kitId, units, reason }], totalCost }
  summary     jsonb not null
);

create table fulfilments (
  id             bigint generated always as identity primary key,
  order_id       bigint not null references orders (id),
  maker_id       bigint not null references makers (id),
  status         text not null check (status in ('routed', 'accepted', 'refused', 'in_production', 'shipped', 'delivered', 'cancelled')),
  -- The month (first day, Europe/Paris) whose capacity the share counts against.
  month          date not null check (extract(day from month) = 1),
  -- Set by the routing run, or by an instructor's or admin's override (with its reason).
  routing_run_id bigint references routing_runs (id),
  override_by    bigint references users (id),
  override_reason text check (length(override_reason) between 5 and 2000),
  -- Département centroid to département centroid, in kilometres, as routing saw it.
  distance_km    int not null check (distance_km >= 0),
  refusal_reason text check (length(refusal_reason) between 5 and 2000),
  routed_at      timestamptz not null,
  status_at      timestamptz not null,
  check ((routing_run_id is null) = (override_by is not null)),
  check ((override_by is null) = (override_reason is null)),
  check ((status = 'refused') = (refusal_reason is not null))
);
-- One live share per maker and order: a second route to the same maker adds to its lines.
create unique index fulfilments_live on fulfilments (order_id, maker_id) where status not in ('refused', 'cancelled');
create index fulfilments_by_maker on fulfilments (maker_id, status, status_at desc);

create table fulfilment_lines (
  fulfilment_id   bigint not null references fulfilments (id),
  order_id        bigint not null,
  kit_id          bigint not null,
  quantity        int not null check (quantity > 0),
  -- Units sent in this share's shipments so far.
  shipped_units   int not null default 0,
  primary key (fulfilment_id, kit_id),
  foreign key (order_id, kit_id) references order_lines (order_id, kit_id),
  constraint shipped_within_share check (shipped_units between 0 and quantity)
);

-- A maker's units per kit and month: routed (and not refused or cancelled) never above the
-- capacity copied from maker_capacity when the month's row was first needed (decision 026).
create table maker_monthly_load (
  maker_id     bigint not null,
  kit_id       bigint not null,
  month        date not null check (extract(day from month) = 1),
  capacity     int not null check (capacity > 0),
  routed_units int not null default 0,
  primary key (maker_id, kit_id, month),
  foreign key (maker_id, kit_id) references maker_capacity (maker_id, kit_id),
  constraint load_within_capacity check (routed_units between 0 and capacity)
);

create table shipments (
  id              bigint generated always as identity primary key,
  fulfilment_id   bigint not null references fulfilments (id),
  carrier         text not null check (carrier in ('la_poste', 'colissimo', 'chronopost', 'dpd', 'gls', 'ups', 'dhl', 'fedex', 'tnt', 'other', 'hand_delivery')),
  -- As the maker typed it (trimmed); the carrier's format is checked by the domain, not here.
  tracking_number text check (length(tracking_number) between 4 and 60),
  shipped_by      bigint not null references users (id),
  shipped_at      timestamptz not null,
  -- The structure's receipt of this shipment: the service fait (see shipment_receipts).
  received        boolean not null default false
);
create index shipments_by_fulfilment on shipments (fulfilment_id);

create table shipment_lines (
  shipment_id   bigint not null references shipments (id),
  fulfilment_id bigint not null,
  kit_id        bigint not null,
  quantity      int not null check (quantity > 0),
  primary key (shipment_id, kit_id),
  foreign key (fulfilment_id, kit_id) references fulfilment_lines (fulfilment_id, kit_id)
);

-- The service fait: a member of the structure confirms what one shipment brought.
create table shipment_receipts (
  shipment_id     bigint primary key references shipments (id),
  received_on     date not null,
  signatory_name  text not null check (length(signatory_name) between 2 and 200),
  signatory_role  text not null check (length(signatory_role) between 2 and 200),
  -- Damage or missing parts, in the structure's words; null when all is well.
  reservations    text check (length(reservations) between 3 and 4000),
  confirmed_by    bigint not null references users (id),
  confirmed_at    timestamptz not null,
  -- The value moved from committed to spent: received units at the order's unit prices.
  spent_cents     bigint not null check (spent_cents >= 0)
);

create table shipment_receipt_lines (
  shipment_id    bigint not null references shipment_receipts (shipment_id),
  kit_id         bigint not null,
  received_units int not null check (received_units >= 0),
  primary key (shipment_id, kit_id),
  foreign key (shipment_id, kit_id) references shipment_lines (shipment_id, kit_id)
);

-- The PDFs the chain produces, kept as issued (bytes and SHA-256), each naming what it is for.
create table order_documents (
  id            bigint generated always as identity primary key,
  kind          text not null check (kind in ('purchase_order', 'delivery_note', 'service_certificate')),
  order_id      bigint not null references orders (id),
  fulfilment_id bigint references fulfilments (id),
  shipment_id   bigint references shipments (id),
  sha256        text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content       bytea not null,
  issued_at     timestamptz not null,
  -- A purchase order is a fulfilment's; a delivery note and a certificate are a shipment's.
  check (case kind when 'purchase_order' then fulfilment_id is not null and shipment_id is null else shipment_id is not null end)
);
create unique index order_documents_one_per_subject on order_documents (kind, coalesce(shipment_id, fulfilment_id));
create index order_documents_by_order on order_documents (order_id);

-- How a delivered kit is used, asked of the structure some weeks after its delivery.
create table kit_feedback (
  id             bigint generated always as identity primary key,
  order_id       bigint not null references orders (id),
  kit_id         bigint not null references catalogue_kits (id),
  -- Asked by e-mail at this time; answered once.
  ask_after      timestamptz not null,
  asked_at       timestamptz,
  rating         int check (rating between 1 and 5),
  people_reached int check (people_reached between 0 and 1000000),
  themes         text[] not null default '{}',
  comment        text check (length(comment) between 1 and 4000),
  answered_by    bigint references users (id),
  answered_at    timestamptz,
  moderation     text not null default 'pending' check (moderation in ('pending', 'published', 'hidden')),
  moderated_by   bigint references users (id),
  moderated_at   timestamptz,
  unique (order_id, kit_id),
  check ((answered_at is null) = (rating is null) and (answered_at is null) = (answered_by is null)),
  check (moderation = 'pending' or answered_at is not null)
);
create index kit_feedback_to_ask on kit_feedback (ask_after) where asked_at is null;
create index kit_feedback_published on kit_feedback (kit_id, answered_at desc) where moderation = 'published';
