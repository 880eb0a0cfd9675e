-- The innovation contest: its calendar (UTC instants, entered in Paris time), rules, lists
-- offered to candidates, upload limits and weighted criteria. The phase is computed, never stored.
create table contests (
  id                    bigint generated always as identity primary key,
  slug                  text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title                 text not null check (length(title) between 3 and 200),
  rules                 text not null default '' check (length(rules) <= 20000),
  submissions_open_at   timestamptz not null,
  submissions_close_at  timestamptz not null,
  review_open_at        timestamptz not null,
  review_close_at       timestamptz not null,
  results_at            timestamptz not null,
  themes                text[] not null check (cardinality(themes) between 1 and 40),
  audiences             text[] not null check (cardinality(audiences) between 1 and 40),
  max_photos            int not null default 10 check (max_photos between 1 and 30),
  max_photo_bytes       bigint not null default 15728640 check (max_photo_bytes between 1048576 and 52428800),
  max_photo_pixels      bigint not null default 40000000 check (max_photo_pixels between 1000000 and 100000000),
  max_documents         int not null default 5 check (max_documents between 0 and 20),
  max_document_bytes    bigint not null default 26214400 check (max_document_bytes between 1048576 and 104857600),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  check (submissions_open_at < submissions_close_at
     and submissions_close_at <= review_open_at
     and review_open_at < review_close_at
     and review_close_at <= results_at)
);

create table contest_criteria (
  id           bigint generated always as identity primary key,
  contest_id   bigint not null references contests (id) on delete cascade,
  position     int not null,
  label        text not null check (length(label) between 2 and 200),
  description  text not null default '' check (length(description) <= 2000),
  weight       int not null check (weight between 1 and 100),
  unique (contest_id, position)
);
