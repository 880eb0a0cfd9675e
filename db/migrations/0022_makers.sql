-- Makers: fablabs, third-places, companies or laureates that build catalogue kits. A maker is found
-- by its SIRET and lives in one commune; its members are memberships (role 'maker', scope
-- 'maker:<id>'). It asks to build kits, the admin approves or refuses each; for an approved kit it
-- declares the départements it delivers to and how many units a month it can build.

create table makers (
  id             bigint generated always as identity primary key,
  siret          text not null unique check (siret ~ '^[0-9]{14}$'),
  name           text not null check (length(name) between 2 and 200),
  kind           text not null check (kind in ('fablab', 'third_place', 'company', 'laureate', 'other')),
  commune_code   text not null references communes (insee_code),
  contact_name   text not null check (length(contact_name) between 2 and 200),
  contact_phone  text not null check (contact_phone ~ '^\+?[0-9]{8,15}$'),
  registered_by  bigint not null references users (id),
  created_at     timestamptz not null default now()
);

-- A maker's request to build one kit, and the admin's decision on it (once: requested, then
-- approved or refused with the reason).
create table maker_kits (
  maker_id       bigint not null references makers (id),
  kit_id         bigint not null references catalogue_kits (id),
  status         text not null default 'requested' check (status in ('requested', 'approved', 'refused')),
  refusal_reason text check (length(refusal_reason) between 5 and 2000),
  requested_by   bigint not null references users (id),
  requested_at   timestamptz not null,
  decided_by     bigint references users (id),
  decided_at     timestamptz,
  primary key (maker_id, kit_id),
  -- The target of the foreign keys below that name the status: coverage and capacity only for an approved kit.
  unique (maker_id, kit_id, status),
  check ((status = 'refused') = (refusal_reason is not null)),
  check ((status = 'requested') = (decided_at is null) and (decided_at is null) = (decided_by is null))
);
create index maker_kits_requested on maker_kits (requested_at) where status = 'requested';
create index maker_kits_by_kit on maker_kits (kit_id) where status = 'approved';

-- The départements a maker delivers one approved kit to.
create table maker_coverage (
  maker_id          bigint not null,
  kit_id            bigint not null,
  kit_status        text not null default 'approved' check (kit_status = 'approved'),
  departement_code  text not null references departements (code),
  primary key (maker_id, kit_id, departement_code),
  foreign key (maker_id, kit_id, kit_status) references maker_kits (maker_id, kit_id, status)
);
-- Routing looks makers up by the département to serve.
create index maker_coverage_by_departement on maker_coverage (departement_code, kit_id);

-- How many units of one approved kit a maker can build a month; paused: it takes no new order.
create table maker_capacity (
  maker_id         bigint not null,
  kit_id           bigint not null,
  kit_status       text not null default 'approved' check (kit_status = 'approved'),
  units_per_month  int not null check (units_per_month > 0 and units_per_month <= 100000),
  paused           boolean not null default false,
  updated_by       bigint not null references users (id),
  updated_at       timestamptz not null,
  primary key (maker_id, kit_id),
  foreign key (maker_id, kit_id, kit_status) references maker_kits (maker_id, kit_id, status)
);
