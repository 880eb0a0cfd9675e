-- The journal's verification moves off the request path (docs/decisions/044-audit-verification-off-the-request.md):
-- the worker checks each chain and stores here how far it went and what it found; the page reads this row.

create table audit_verification (
  chain            text primary key references audit_head (chain) on delete cascade,
  -- The last entry found sound, and its hash: the next incremental run starts from it.
  verified_id      bigint not null check (verified_id >= 0),
  verified_hash    text not null,
  checked_at       timestamptz not null,
  -- The last time the chain was walked from its first entry, which alone catches an old entry changed later.
  full_checked_at  timestamptz,
  -- The first entry that does not hold, when the chain was found altered (sticky until a full check).
  broken_id        bigint,
  broken_reason    text,
  check ((broken_id is null) = (broken_reason is null))
);

-- Newest first over every chain, with the chain as the last key so a page is read off the index alone
-- (the listing picks its keys from it, then fetches 50 rows).
drop index audit_log_by_time;
create index audit_log_by_time on audit_log (at, id, chain);
drop index audit_log_by_subject;
create index audit_log_by_subject on audit_log (subject, at, id, chain);
