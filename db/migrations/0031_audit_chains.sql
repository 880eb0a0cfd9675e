-- The audit log becomes a set of chains, each with its own head (docs/decisions/035-audit-chain-per-departement.md):
-- 'main' for everything as before, and one chain per département for the orders sent there, so that
-- order submissions in different départements no longer wait for each other on one head row.
-- Existing entries and the existing head belong to 'main'; their hashes are unchanged.

alter table audit_head add column chain text not null default 'main'
  check (chain = 'main' or chain ~ '^departement:([0-9]{2}|2[AB]|97[1-6])$');
alter table audit_head drop column singleton; -- and with it the one-row key
alter table audit_head alter column chain drop default;
alter table audit_head add primary key (chain);

-- Ids run from 1 without a gap within each chain. Every entry's chain has a head: verification
-- walks the chains from their heads, so none can be left out.
alter table audit_log add column chain text not null default 'main' references audit_head (chain);
alter table audit_log drop constraint audit_log_pkey;
alter table audit_log add primary key (chain, id);
-- The journal lists every chain's entries together, newest first.
create index audit_log_by_time on audit_log (at, id);
