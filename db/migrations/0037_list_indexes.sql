-- The indexes the big lists need at national size (5,000 proposals, 50,000 structures, 55,000
-- people, 50,000 orders), each measured with EXPLAIN ANALYZE (tests/bench/national-lists.ts):
-- a page is then read from an index in the list's own order, not sorted out of the whole table.

-- Searches are "contains" (ILIKE '%…%'): trigram indexes answer them without reading every row.
-- pg_trgm ships with PostgreSQL and is a trusted extension: a database owner may create it.
create extension if not exists pg_trgm;

create index users_name_trgm on users using gin (name gin_trgm_ops);
create index users_email_trgm on users using gin (email gin_trgm_ops);
-- The people's list without a search: by name.
create index users_by_name on users (lower(name), id);

create index structures_legal_name_trgm on structures using gin (legal_name gin_trgm_ops);
-- The structures' queue: a status's page, waiting ones oldest first, decided ones newest first; all of them newest first.
create index structures_by_status on structures (status, status_at, id);
create index structures_by_status_at on structures (status_at, id);

-- The orders' queue: a campaign's orders the latest moved first, in one status or all of them.
create index orders_by_status_at on orders (campaign_id, status_at, id);
create index orders_by_status on orders (campaign_id, status, status_at, id);
-- A structure's orders, newest first.
create index orders_of_structure on orders (structure_id, id);

-- A contest's proposals, a page in number order, and the title search.
create index proposals_by_contest on proposals (contest_id, id);
create index proposals_title_trgm on proposals using gin (title gin_trgm_ops);

-- The journal about one subject, newest first; the outbox searched by part of the recipient.
create index audit_log_by_subject on audit_log (subject, at, id);
create index mail_outbox_to_trgm on mail_outbox using gin (lower(to_address) gin_trgm_ops);
