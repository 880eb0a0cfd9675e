-- A structure's supporting documents and the invitations its members send to colleagues.

-- Supporting documents (PDF) through the file pipeline: the columns of proposal_files (see
-- app/media/file-target.ts), attached to a structure.
create table structure_files (
  id                  bigint generated always as identity primary key,
  structure_id        bigint not null references structures (id),
  kind                text not null check (kind in ('photo', 'document')),
  display_name        text not null check (length(display_name) between 1 and 200),
  description         text check (length(description) between 1 and 300),
  media_type          text not null,
  original_key        text not null unique,
  original_size       bigint not null check (original_size > 0),
  original_sha256     text not null check (original_sha256 ~ '^[0-9a-f]{64}$'),
  status              text not null default 'processing' check (status in ('processing', 'ready', 'refused')),
  refusal_reason      text,
  -- Processed copies: {"clean": key} for PDFs.
  derivatives         jsonb not null default '{}',
  ready_sha256        text check (ready_sha256 ~ '^[0-9a-f]{64}$'),
  width               int,
  height              int,
  pages               int,
  removed_at          timestamptz,
  created_at          timestamptz not null default now(),
  processed_at        timestamptz,
  original_purged_at  timestamptz,
  check ((status = 'refused') = (refusal_reason is not null)),
  check (status <> 'ready' or ready_sha256 is not null),
  check (kind = 'photo' or description is null),
  check (original_purged_at is null or status = 'refused')
);
create index structure_files_structure_idx on structure_files (structure_id) where removed_at is null;
create index structure_files_original_to_purge_idx on structure_files (id) where status = 'refused' and original_purged_at is null;

-- A member invites a colleague by e-mail; the link carries a random token of which only the
-- SHA-256 is stored. Pending: neither accepted nor revoked, and not expired.
create table structure_invitations (
  id            bigint generated always as identity primary key,
  structure_id  bigint not null references structures (id),
  email         text not null check (email = lower(email) and email like '%_@_%' and length(email) <= 254),
  token_hash    bytea not null unique,
  invited_by    bigint not null references users (id),
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  accepted_at   timestamptz,
  accepted_by   bigint references users (id),
  revoked_at    timestamptz,
  revoked_by    bigint references users (id),
  check (expires_at > created_at),
  check ((accepted_at is null) = (accepted_by is null)),
  check ((revoked_at is null) = (revoked_by is null)),
  check (accepted_at is null or revoked_at is null)
);
-- One open invitation per address and structure: inviting again replaces the previous one.
create unique index structure_invitations_open_key on structure_invitations (structure_id, email)
  where accepted_at is null and revoked_at is null;
