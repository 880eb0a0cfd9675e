-- The history of a structure's verification: every decision of an instructor or admin (verified,
-- rejected, information requested) and every answer of the structure, in order. The structure's
-- row keeps only its current status; this table keeps what led there.

create table structure_reviews (
  id            bigint generated always as identity primary key,
  structure_id  bigint not null references structures (id),
  action        text not null check (action in ('verified', 'rejected', 'information_requested', 'information_provided')),
  -- The reason of a rejection, the question asked, or the structure's answer; nothing for a verification.
  message       text check (length(message) between 2 and 4000),
  actor_id      bigint not null references users (id),
  at            timestamptz not null default now(),
  check ((action = 'verified') = (message is null))
);
create index structure_reviews_by_structure on structure_reviews (structure_id, id);

-- An address as people write it variously, reduced to compare two structures' addresses: lower
-- case, no accents, no punctuation, the usual abbreviations of street types written out
-- ("12, Bd Victor-Hugo" and "12 boulevard victor hugo" are the same place).
create function normalised_address(address text) returns text
language sql immutable parallel safe strict
return trim(regexp_replace(
  regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(
      translate(replace(replace(lower(address), 'œ', 'oe'), 'æ', 'ae'),
                'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy'),
      '[^a-z0-9]+', ' ', 'g'),
    '\m(av|ave)\M', 'avenue', 'g'),
    '\m(bd|bld|boul|bvd)\M', 'boulevard', 'g'),
    '\mpl\M', 'place', 'g'),
    '\mr\M', 'rue', 'g'),
    '\mrte\M', 'route', 'g'),
    '\m(ch|chem)\M', 'chemin', 'g'),
    '\mimp\M', 'impasse', 'g'),
    '\mst\M', 'saint', 'g'),
  '\s+', ' ', 'g'));

-- Other structures at the same place: same commune and same normalised address.
create index structures_by_place on structures (commune_code, normalised_address(address));
-- Other establishments of the same company or body: the SIRET's first nine digits (SIREN).
create index structures_by_siren on structures (left(siret, 9));
