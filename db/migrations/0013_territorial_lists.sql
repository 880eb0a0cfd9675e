-- Territorial lists (France Ruralités Revitalisation, communes with a priority urban district…)
-- that eligibility rules name. Imported whole by an admin as a file of INSEE codes; each import is
-- a new version and the previous ones are kept, so a rule applied yesterday can be explained today.

create table territorial_lists (
  id         bigint generated always as identity primary key,
  name       text not null unique check (length(name) between 2 and 120),
  created_at timestamptz not null default now()
);

create table territorial_list_versions (
  id            bigint generated always as identity primary key,
  list_id       bigint not null references territorial_lists on delete cascade,
  version       int not null check (version >= 1),
  source        text not null check (length(source) between 2 and 300),
  valid_from    date not null,
  -- Lists shipped for the demo and the tests are labelled as such wherever they are shown.
  is_sample     boolean not null default false,
  commune_count int not null check (commune_count > 0),
  imported_by   bigint references users,
  imported_at   timestamptz not null,
  unique (list_id, version)
);

-- Codes as text, not a reference to communes: a list is a published document, kept as imported
-- even when a later edition of the territories merges or renames a commune.
create table territorial_list_communes (
  version_id   bigint not null references territorial_list_versions on delete cascade,
  commune_code text not null check (commune_code ~ '^([0-9]{2}|2[AB])[0-9]{3}$'),
  primary key (version_id, commune_code)
);
create index territorial_list_communes_by_code on territorial_list_communes (commune_code);
