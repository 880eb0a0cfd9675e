-- Local structures (libraries, town halls, social centres…) that order kits. A structure is found
-- by its SIRET, lives in one commune (its INSEE code, hence its département) and is verified
-- before it may order. Its members are memberships (role 'structure', scope 'structure:<id>').

create table structures (
  id             bigint generated always as identity primary key,
  siret          text not null check (siret ~ '^[0-9]{14}$'),
  legal_name     text not null check (length(legal_name) between 2 and 200),
  kind           text not null check (kind in ('library', 'town_hall', 'social_action_centre', 'care_home', 'association',
                                               'social_centre', 'third_place', 'france_services', 'other')),
  commune_code   text not null references communes (insee_code),
  address        text not null check (length(address) between 5 and 300),
  postal_code    text not null check (postal_code ~ '^[0-9]{5}$'),
  contact_name   text not null check (length(contact_name) between 2 and 200),
  contact_phone  text not null check (contact_phone ~ '^\+?[0-9]{8,15}$'),
  -- pending: waiting for an instructor; information_requested: the structure must answer;
  -- verified: may order; rejected: may not, with the reason.
  status         text not null default 'pending'
                 check (status in ('pending', 'information_requested', 'verified', 'rejected')),
  -- What the instructor wrote when rejecting or asking for more information.
  status_reason  text check (length(status_reason) between 5 and 2000),
  status_at      timestamptz not null default now(),
  status_by      bigint references users (id),
  registered_by  bigint not null references users (id),
  created_at     timestamptz not null default now(),
  check ((status in ('rejected', 'information_requested')) = (status_reason is not null))
);
-- One structure per SIRET: a second registration joins the first instead.
create unique index structures_siret_key on structures (siret);
create index structures_by_commune on structures (commune_code);
create index structures_waiting on structures (status_at) where status in ('pending', 'information_requested');
