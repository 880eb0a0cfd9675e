-- The jury: jurors of a contest and their declared ties, conflicts (detected, declared, lifted),
-- assignments (automatic runs with their seed, or by hand), reviews, the seal of the scores at
-- review close, decisions and the publication of the results.

-- A juror's permission is the membership (role 'juror', scope 'contest:N'); this row holds the rest.
create table jurors (
  contest_id        bigint not null references contests (id),
  user_id           bigint not null references users (id),
  invited_by        bigint references users (id),
  invited_at        timestamptz not null default now(),
  -- Themes the juror prefers (from the contest's list): matched entries are preferred at assignment.
  themes            text[] not null default '{}',
  -- At most this many entries (null: balanced with the others).
  max_load          int check (max_load is null or max_load >= 0),
  ties_declared_at  timestamptz,
  primary key (contest_id, user_id)
);
create index jurors_user_idx on jurors (user_id);

-- What a juror declares of their ties; matched against candidates' identities, never shown to them.
create table juror_ties (
  id          bigint generated always as identity primary key,
  contest_id  bigint not null,
  user_id     bigint not null,
  kind        text not null check (kind in ('organisation', 'email_domain', 'person')),
  label       text not null check (length(label) between 1 and 200),
  siret       text check (siret is null or siret ~ '^[0-9]{9}([0-9]{5})?$'),
  created_at  timestamptz not null default now(),
  foreign key (contest_id, user_id) references jurors (contest_id, user_id) on delete cascade
);
create index juror_ties_juror_idx on juror_ties (contest_id, user_id);

-- One row per juror × entry ever in conflict. Lifting keeps the row (and why) but ends its effect.
create table conflicts (
  proposal_id  bigint not null references proposals (id),
  user_id      bigint not null references users (id),
  source       text not null check (source in ('detected', 'admin', 'juror')),
  -- For admins only: what matched (a SIRET, a name…). Never sent to the juror.
  reasons      jsonb not null default '[]',
  created_by   bigint references users (id),
  created_at   timestamptz not null default now(),
  lifted_at    timestamptz,
  lifted_by    bigint references users (id),
  lift_reason  text check (lift_reason is null or length(lift_reason) between 3 and 1000),
  primary key (proposal_id, user_id),
  check ((lifted_at is null) = (lift_reason is null))
);
create index conflicts_user_idx on conflicts (user_id) where lifted_at is null;

-- An automatic assignment: its inputs' seed, so the same inputs and seed give the same result.
create table assignment_runs (
  id           bigint generated always as identity primary key,
  contest_id   bigint not null references contests (id),
  seed         bigint not null,
  reviews_per_entry int not null check (reviews_per_entry between 1 and 10),
  total_cost   bigint not null,
  created_by   bigint references users (id),
  created_at   timestamptz not null default now()
);

create table assignments (
  proposal_id  bigint not null references proposals (id),
  user_id      bigint not null references users (id),
  contest_id   bigint not null references contests (id),
  run_id       bigint references assignment_runs (id),
  created_by   bigint references users (id),
  created_at   timestamptz not null default now(),
  primary key (proposal_id, user_id),
  foreign key (contest_id, user_id) references jurors (contest_id, user_id)
);
create index assignments_juror_idx on assignments (contest_id, user_id);

-- The invariant "no juror reviews an entry they conflict with", held by the database whatever the code does.
create function assignments_refuse_conflicts() returns trigger language plpgsql as $$
begin
  if exists (select 1 from conflicts c
             where c.proposal_id = new.proposal_id and c.user_id = new.user_id and c.lifted_at is null) then
    raise exception 'juror % is in conflict with proposal %', new.user_id, new.proposal_id
      using errcode = 'check_violation', constraint = 'assignments_no_conflict';
  end if;
  return new;
end;
$$;
create trigger assignments_no_conflict
  before insert or update on assignments
  for each row execute function assignments_refuse_conflicts();

-- A review belongs to an assignment; scores are {criterion id: 0..5}.
create table reviews (
  proposal_id            bigint not null,
  user_id                bigint not null,
  status                 text not null default 'in_progress' check (status in ('in_progress', 'submitted')),
  scores                 jsonb not null default '{}' check (jsonb_typeof(scores) = 'object'),
  comment_for_admins     text not null default '' check (length(comment_for_admins) <= 5000),
  comment_for_candidate  text not null default '' check (length(comment_for_candidate) <= 5000),
  submitted_at           timestamptz,
  updated_at             timestamptz not null default now(),
  primary key (proposal_id, user_id),
  foreign key (proposal_id, user_id) references assignments (proposal_id, user_id) on delete cascade,
  check ((status = 'submitted') = (submitted_at is not null))
);

-- At review close the submitted scores are frozen: the deliberation works from this snapshot,
-- whose SHA-256 is written to the audit log.
create table score_seals (
  contest_id  bigint primary key references contests (id),
  sealed_at   timestamptz not null,
  sealed_by   bigint references users (id),
  snapshot    jsonb not null,
  digest      text not null check (digest ~ '^[0-9a-f]{64}$')
);

create table decisions (
  proposal_id             bigint primary key references proposals (id),
  contest_id              bigint not null references contests (id),
  outcome                 text not null check (outcome in ('laureate', 'not_retained')),
  motivation              text not null check (length(motivation) between 10 and 5000),
  final_unit_price_cents  bigint check (final_unit_price_cents is null or final_unit_price_cents > 0),
  final_monthly_capacity  int check (final_monthly_capacity is null or final_monthly_capacity > 0),
  decided_by              bigint references users (id),
  decided_at              timestamptz not null default now(),
  check (outcome <> 'laureate' or (final_unit_price_cents is not null and final_monthly_capacity is not null))
);
create index decisions_contest_idx on decisions (contest_id, outcome);

-- One publication per contest, ever (the primary key is the guarantee).
create table publications (
  contest_id    bigint primary key references contests (id),
  published_at  timestamptz not null,
  published_by  bigint references users (id)
);
