-- What the seal and the publication mean, held by the database whatever the code does:
-- - once a contest's scores are sealed, its reviews no longer change (insert, update, delete);
-- - a seal, once written, never changes;
-- - once a contest's results are published, its decisions no longer change, nor does the publication.

create function reviews_refuse_after_seal() returns trigger language plpgsql as $$
declare
  proposal bigint := case when tg_op = 'DELETE' then old.proposal_id else new.proposal_id end;
begin
  if exists (select 1 from proposals p join score_seals s on s.contest_id = p.contest_id where p.id = proposal)
     or (tg_op = 'UPDATE' and exists (select 1 from proposals p join score_seals s on s.contest_id = p.contest_id
                                      where p.id = old.proposal_id)) then
    raise exception 'the scores of this contest are sealed: reviews no longer change (% refused)', tg_op
      using errcode = 'object_not_in_prerequisite_state', constraint = 'reviews_sealed';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger reviews_sealed
  before insert or update or delete on reviews
  for each row execute function reviews_refuse_after_seal();

create function score_seals_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a seal never changes (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger score_seals_immutable
  before update or delete or truncate on score_seals
  for each statement execute function score_seals_are_immutable();

create function decisions_refuse_after_publication() returns trigger language plpgsql as $$
declare
  contest bigint := case when tg_op = 'DELETE' then old.contest_id else new.contest_id end;
begin
  if exists (select 1 from publications where contest_id = contest)
     or (tg_op = 'UPDATE' and exists (select 1 from publications where contest_id = old.contest_id)) then
    raise exception 'the results of this contest are published: decisions no longer change (% refused)', tg_op
      using errcode = 'object_not_in_prerequisite_state', constraint = 'decisions_published';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger decisions_published
  before insert or update or delete on decisions
  for each row execute function decisions_refuse_after_publication();

create function publications_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a publication never changes (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger publications_immutable
  before update or delete or truncate on publications
  for each statement execute function publications_are_immutable();

-- /laureats lists the published contests, newest first.
create index publications_published_at_idx on publications (published_at desc);

-- What /laureats shows of the scores: each laureate's mean per criterion, computed from the sealed
-- snapshot at publication and kept with it, so the public page never re-reads the whole snapshot.
alter table publications add column public_scores jsonb not null default '{}' check (jsonb_typeof(public_scores) = 'object');
