-- Append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash,
-- so altering or deleting any entry breaks every hash after it.
create table audit_log (
  id         bigint primary key,
  at         timestamptz not null,
  actor_id   bigint references users (id),
  action     text not null check (length(action) between 1 and 100),
  subject    text,
  data       jsonb not null default '{}',
  prev_hash  text not null,
  hash       text not null unique
);

-- The chain's head: one row, locked by each append so entries are chained in commit order.
create table audit_head (
  singleton  boolean primary key default true check (singleton),
  last_id    bigint not null,
  last_hash  text not null
);
insert into audit_head (last_id, last_hash) values (0, repeat('0', 64));

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_append_only
  before update or delete or truncate on audit_log
  for each statement execute function audit_log_is_append_only();

-- Every e-mail the portal sends goes through this outbox: kept here when no SMTP server is set,
-- sent by the worker (with retries) when one is.
create table mail_outbox (
  id          bigint generated always as identity primary key,
  to_address  text not null,
  subject     text not null,
  text_body   text not null,
  html_body   text,
  status      text not null default 'kept' check (status in ('kept', 'queued', 'sent', 'failed')),
  attempts    int not null default 0,
  last_error  text,
  created_at  timestamptz not null default now(),
  sent_at     timestamptz
);
create index mail_outbox_created_idx on mail_outbox (created_at desc);
create index mail_outbox_to_idx on mail_outbox (to_address);
