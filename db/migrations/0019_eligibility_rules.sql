-- Who may order in a distribution campaign: the kinds of structure, a territorial rule, and a cap
-- per structure. A change is a new version, never an update: an order checked against version N
-- keeps that version number, and version N still says what it allowed.

create table eligibility_rules (
  id                         bigint generated always as identity primary key,
  campaign_id                bigint not null references distribution_campaigns on delete cascade,
  version                    int not null check (version >= 1),
  allowed_kinds              text[] not null check (
    cardinality(allowed_kinds) >= 1
    and allowed_kinds <@ array['library', 'town_hall', 'social_action_centre', 'care_home', 'association',
                               'social_centre', 'third_place', 'france_services', 'other']),
  -- 'everywhere', or only the communes of the lists in eligibility_rule_lists.
  territory                  text not null check (territory in ('everywhere', 'lists')),
  -- France Services sites order wherever they are, as the real programme allowed.
  france_services_everywhere boolean not null default false,
  cap_cents                  bigint check (cap_cents > 0),
  cap_units                  int check (cap_units > 0),
  -- Required by the application while ordering is open; optional before and after.
  reason                     text check (length(reason) between 3 and 500),
  created_by                 bigint references users,
  created_at                 timestamptz not null,
  unique (campaign_id, version)
);

-- The lists a territorial rule names (the list, not one of its versions: a list replaced by a
-- newer import applies at once, and the version in force at an instant is the one imported last
-- before it).
create table eligibility_rule_lists (
  rule_id bigint not null references eligibility_rules on delete cascade,
  list_id bigint not null references territorial_lists,
  primary key (rule_id, list_id)
);

create function eligibility_rules_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'une version des règles d''éligibilité ne se modifie pas : enregistrez-en une nouvelle' using errcode = 'P0001';
end $$;
create trigger eligibility_rules_append_only before update or delete on eligibility_rules
  for each row when (pg_trigger_depth() = 0) execute function eligibility_rules_append_only();
create trigger eligibility_rule_lists_append_only before update or delete on eligibility_rule_lists
  for each row when (pg_trigger_depth() = 0) execute function eligibility_rules_append_only();
