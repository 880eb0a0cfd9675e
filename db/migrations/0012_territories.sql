-- Territories: the reference data the distribution's eligibility rules and envelope split read.
-- Loaded from @etalab/decoupage-administratif by app/territories/reference-data.server.ts, never
-- edited by hand; `territory_data` says which version and years are loaded.

create table territory_data (
  only_row        boolean primary key default true check (only_row),
  source          text not null,
  version         text not null,
  geography_year  int not null,
  population_year int not null,
  loaded_at       timestamptz not null default now()
);

create table regions (
  code text primary key,
  name text not null
);

-- The 101 départements of the programme: 96 in metropolitan France (Corsica as 2A and 2B) and
-- the five overseas (971 to 976).
create table departements (
  code        text primary key check (code ~ '^([0-9]{2}|2[AB]|97[1-6])$'),
  name        text not null,
  region_code text not null references regions,
  overseas    boolean not null
);

create table communes (
  insee_code       text primary key check (insee_code ~ '^([0-9]{2}|2[AB])[0-9]{3}$'),
  name             text not null,
  -- Lower case, without accents or punctuation: what the commune search compares.
  search_name      text not null,
  departement_code text not null references departements,
  population       int not null check (population >= 0),
  postal_codes     text[] not null default '{}'
);
create index communes_by_departement on communes (departement_code);
create index communes_by_search_name on communes (search_name text_pattern_ops);
create index communes_by_postal_code on communes using gin (postal_codes);

-- Intercommunalities with their own taxation (EPCI): a commune belongs to at most one.
create table epcis (
  siren      text primary key check (siren ~ '^[0-9]{9}$'),
  name       text not null,
  kind       text not null,
  population int not null check (population >= 0)
);
create table epci_members (
  epci_siren  text not null references epcis on delete cascade,
  commune_code text not null references communes on delete cascade,
  primary key (epci_siren, commune_code),
  unique (commune_code)
);
