-- People, their memberships (role + scope), their sessions and one-time tokens.

create table users (
  id                 bigint generated always as identity primary key,
  email              text not null check (email = lower(email) and email like '%_@_%' and length(email) <= 254),
  name               text not null check (length(name) between 1 and 200),
  password_hash      text not null,
  email_confirmed_at timestamptz,
  totp_secret        text,
  totp_enabled_at    timestamptz,
  disabled_at        timestamptz,
  created_at         timestamptz not null default now(),
  check ((totp_enabled_at is null) or (totp_secret is not null))
);
create unique index users_email_key on users (email);

-- A membership grants one role, globally (scope '*') or on one object ('contest:12', 'structure:7', 'maker:3').
create table memberships (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references users (id) on delete cascade,
  role        text not null check (role in ('admin', 'juror', 'designer', 'structure', 'maker')),
  scope       text not null default '*' check (scope = '*' or scope ~ '^(contest|structure|maker):[0-9]+$'),
  granted_by  bigint references users (id),
  granted_at  timestamptz not null default now(),
  unique (user_id, role, scope)
);

-- The cookie carries a random id; only its SHA-256 is stored, so a leaked table cannot be replayed.
create table sessions (
  id_hash         bytea primary key,
  user_id         bigint not null references users (id) on delete cascade,
  created_at      timestamptz not null default now(),
  last_seen_at    timestamptz not null default now(),
  expires_at      timestamptz not null,
  second_factor_at timestamptz,
  ip              text,
  user_agent      text
);
create index sessions_user_idx on sessions (user_id);

create table user_tokens (
  token_hash  bytea primary key,
  user_id     bigint not null references users (id) on delete cascade,
  purpose     text not null check (purpose in ('confirm_email', 'reset_password')),
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index user_tokens_user_idx on user_tokens (user_id, purpose);

-- Failed logins, counted per key ('account:<email>', 'address:<ip>') over a sliding window.
create table login_failures (
  id       bigint generated always as identity primary key,
  key      text not null,
  at       timestamptz not null default now()
);
create index login_failures_key_at_idx on login_failures (key, at);
