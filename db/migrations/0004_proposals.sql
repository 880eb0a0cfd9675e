-- Kit proposals: an editable draft, frozen into immutable versions at each submission, each with a receipt.

create table proposals (
  id                   bigint generated always as identity primary key,
  contest_id           bigint not null references contests (id),
  owner_id             bigint not null references users (id),
  status               text not null default 'draft'
                       check (status in ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible', 'laureate', 'not_retained')),
  title                text not null default '' check (length(title) <= 200),
  -- The draft's fields (see app/submissions/schemas.ts); bounded so a hostile client cannot store megabytes.
  draft                jsonb not null default '{}' check (pg_column_size(draft) <= 200000),
  -- Bumped at every save: a submission records the revision it froze, so submitting twice freezes once.
  draft_revision       int not null default 0,
  current_version      int not null default 0,
  ineligibility_reason text check (length(ineligibility_reason) <= 2000),
  ruled_by             bigint references users (id),
  ruled_at             timestamptz,
  withdrawn_at         timestamptz,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  check ((status = 'ineligible') = (ineligibility_reason is not null))
);
create index proposals_contest_idx on proposals (contest_id, status);
create index proposals_owner_idx on proposals (owner_id);

create sequence receipt_number_seq;

create table proposal_versions (
  proposal_id     bigint not null references proposals (id),
  version         int not null check (version >= 1),
  draft_revision  int not null,
  receipt_number  text not null unique check (receipt_number ~ '^KIT-[0-9]{4}-[0-9]{5,}$'),
  submitted_at    timestamptz not null,
  submitted_by    bigint not null references users (id),
  -- Canonical JSON of the fields and the files' digests; `digest` is its SHA-256 (hex).
  content         jsonb not null,
  digest          text not null check (digest ~ '^[0-9a-f]{64}$'),
  primary key (proposal_id, version),
  unique (proposal_id, draft_revision)
);

create function proposal_versions_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a submitted version never changes (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger proposal_versions_immutable
  before update or delete or truncate on proposal_versions
  for each statement execute function proposal_versions_are_immutable();

-- Uploaded files. The original upload stays private (never served); only the processed copies
-- (re-encoded photos, cleaned PDFs) are ever shown, once status is 'ready'.
create table proposal_files (
  id              bigint generated always as identity primary key,
  proposal_id     bigint not null references proposals (id),
  kind            text not null check (kind in ('photo', 'document')),
  display_name    text not null check (length(display_name) between 1 and 200),
  media_type      text not null,
  original_key    text not null unique,
  original_size   bigint not null check (original_size > 0),
  original_sha256 text not null check (original_sha256 ~ '^[0-9a-f]{64}$'),
  status          text not null default 'processing' check (status in ('processing', 'ready', 'refused')),
  refusal_reason  text,
  -- Processed copies: {"large": key, "medium": key, "thumbnail": key} for photos, {"clean": key} for PDFs.
  derivatives     jsonb not null default '{}',
  ready_sha256    text check (ready_sha256 ~ '^[0-9a-f]{64}$'),
  width           int,
  height          int,
  pages           int,
  removed_at      timestamptz,
  created_at      timestamptz not null default now(),
  processed_at    timestamptz,
  check ((status = 'refused') = (refusal_reason is not null)),
  check (status <> 'ready' or ready_sha256 is not null)
);
create index proposal_files_proposal_idx on proposal_files (proposal_id) where removed_at is null;
