// The big lists at national size, written with generate_series (insert … select, no row-by-row
// round trips) on top of the orders' world: 5,000 eligible entries of a contest with 200 jurors and
// 15,000 submitted reviews, sealed, a third decided; 50,000 structures spread over the communes,
// each with its member; 50,000 orders of 2 lines (100,000 lines) in every state but the cart.
// Not a realistic programme (see the national seed for that): enough rows for each list's query
// plan to be the one it will have in production.
import type { Sql } from "~/infra/db.server";
import { sealScores } from "~/results/seal.server";
import { afterReview, duringReview } from "./calendar";
import { contestWithAdmin, juryForms } from "./fixtures";
import { ordersWorld } from "./orders-world";
import { orderStatuses } from "~/orders/orders-lifecycle";
import { structureKinds } from "~/structures/kinds";

export type ListSizes = {
  entries: number;
  jurors: number;
  reviewsPerEntry: number;
  structures: number;
  orders: number;
  /** The busy structure places one order in this many. */
  busyEvery: number;
};

export const NATIONAL: ListSizes = { entries: 5_000, jurors: 200, reviewsPerEntry: 3, structures: 50_000, orders: 50_000, busyEvery: 100 };

export type NationalLists = {
  adminId: number;
  contest: { id: number; slug: string };
  campaignId: number;
  /** A juror with their share of the reviews. */
  jurorId: number;
  /** A verified structure that ordered often, and its member. */
  busyStructure: { id: number; memberId: number };
};

/** The lists at the sizes given (national unless told): tests use the same rows, fewer of them. */
export async function nationalLists(sql: Sql, sizes: ListSizes = NATIONAL): Promise<NationalLists> {
  const world = await ordersWorld(sql);
  const { contest, adminId } = await contestWithAdmin(sql, juryForms.usageAndDesign);
  const [usage, design] = contest.criteria.map((c) => String(c.id));
  const themes = contest.themes;

  await sql`
    insert into users (email, name, password_hash, email_confirmed_at)
    select 'candidat-' || i || '@national.test', 'Candidat ' || i, 'x', now() from generate_series(1, ${sizes.entries}) i`;
  await sql`
    insert into proposals (contest_id, owner_id, status, title, draft, current_version, draft_revision)
    select ${contest.id}, u.id, 'eligible', 'Kit ' || md5(u.email),
           jsonb_build_object('title', 'Kit ' || md5(u.email), 'themes', jsonb_build_array((${themes}::text[])[1 + u.id % ${themes.length}]),
                              'audiences', '[]'::jsonb, 'organisationName', 'Atelier ' || u.id),
           1, 1
    from users u where u.email like 'candidat-%@national.test' order by u.id`;
  await sql`
    insert into proposal_versions (proposal_id, version, draft_revision, receipt_number, submitted_at, submitted_by, content, digest)
    select p.id, 1, 1, 'KIT-2026-' || lpad(p.id::text, 6, '0'), ${duringReview}, p.owner_id,
           jsonb_build_object('fields', p.draft), md5(p.id::text) || md5(p.id::text || 'v')
    from proposals p where p.contest_id = ${contest.id}`;
  await sql`
    insert into users (email, name, password_hash, email_confirmed_at)
    select 'jure-' || i || '@national.test', 'Juré ' || i, 'x', now() from generate_series(1, ${sizes.jurors}) i`;
  await sql`
    insert into jurors (contest_id, user_id, invited_by)
    select ${contest.id}, id, ${adminId} from users where email like 'jure-%@national.test'`;
  // Entry k goes to jurors k, k+1 and k+2 (mod 200): every juror gets 75 entries at national size.
  await sql`
    with entry as (select id, row_number() over (order by id) - 1 as k from proposals where contest_id = ${contest.id}),
         juror as (select user_id, row_number() over (order by user_id) - 1 as j from jurors where contest_id = ${contest.id})
    insert into assignments (proposal_id, user_id, contest_id, created_by)
    select e.id, j.user_id, ${contest.id}, ${adminId}
    from entry e cross join generate_series(0, ${sizes.reviewsPerEntry - 1}) r
    join juror j on j.j = (e.k + r) % ${sizes.jurors}`;
  await sql`
    insert into reviews (proposal_id, user_id, status, scores, comment_for_admins, comment_for_candidate, submitted_at)
    select proposal_id, user_id, 'submitted',
           jsonb_build_object(${usage}::text, (proposal_id * 7 + user_id) % 6, ${design}::text, (proposal_id * 3 + user_id * 5) % 6),
           'Note pour les gestionnaires.', 'Un retour pour le candidat.', ${duringReview}
    from assignments where contest_id = ${contest.id}`;
  await sealScores({ contestId: contest.id, actorId: adminId, now: afterReview }, sql);
  await sql`
    insert into decisions (proposal_id, contest_id, outcome, motivation, decided_by, decided_at)
    select id, contest_id, 'not_retained', 'Le kit ne répond pas assez au besoin.', ${adminId}, ${afterReview}
    from proposals where contest_id = ${contest.id} and id % 3 = 0`;

  await sql`
    insert into users (email, name, password_hash, email_confirmed_at)
    select 'structure-' || i || '@national.test', 'Membre ' || i, 'x', now() from generate_series(1, ${sizes.structures}) i`;
  await sql`
    with c as (select array_agg(insee_code order by insee_code) as codes, array_agg(coalesce(postal_codes[1], '00000') order by insee_code) as postal,
                      array_agg(name order by insee_code) as names, count(*)::int as n from communes),
         member as (select id, row_number() over (order by id) as i from users where email like 'structure-%@national.test')
    insert into structures (siret, legal_name, kind, commune_code, address, postal_code, contact_name, contact_phone, status, status_reason,
                            status_at, registered_by, created_at)
    select lpad((10000000000000 + m.i * 7)::text, 14, '0'),
           (array['Médiathèque', 'Mairie', 'CCAS', 'EHPAD', 'Association', 'Centre social', 'Tiers-lieu', 'France Services', 'Structure'])[1 + m.i % 9]
             || ' de ' || c.names[1 + (m.i * 7919) % c.n] || ' ' || m.i,
           (${[...structureKinds]}::text[])[1 + m.i % ${structureKinds.length}], c.codes[1 + (m.i * 7919) % c.n], m.i || ' rue de la République', c.postal[1 + (m.i * 7919) % c.n],
           'Camille Contact', '0299000000',
           (array['pending', 'information_requested', 'rejected', 'verified', 'verified', 'verified', 'verified', 'verified', 'verified', 'verified'])[1 + m.i % 10],
           case m.i % 10 when 1 then 'Pouvez-vous préciser votre activité ?' when 2 then 'La structure n''accueille pas de public.' end,
           now() - (m.i) * interval '1 minute', m.id, now() - (m.i) * interval '1 minute'
    from member m, c`;
  await sql`
    insert into memberships (user_id, role, scope)
    select registered_by, 'structure', 'structure:' || id from structures where registered_by in (select id from users where email like 'structure-%@national.test')`;

  const [{ ruleVersion }]: [{ ruleVersion: number }] = await sql`
    select max(version)::int as rule_version from eligibility_rules where campaign_id = ${world.campaign.id}`;
  const [busy]: [{ id: number; memberId: number }] = await sql`
    select id, registered_by as member_id from structures where status = 'verified' order by id limit 1`;
  // Every state an order can be in once sent.
  const statuses = orderStatuses.filter((status) => status !== "cart");
  // The busy structure places one order in `busyEvery`: a network's head office, the worst case of "a structure's orders".
  await sql`
    with verified as (select s.id, c.departement_code, s.registered_by, row_number() over (order by s.id) as i
                      from structures s join communes c on c.insee_code = s.commune_code where s.status = 'verified'),
         n as (select count(*)::int as n from verified)
    insert into orders (structure_id, campaign_id, departement_code, rule_version, status, idempotency_key, total_cents, total_units,
                        submitted_by, submitted_at, decided_by, decided_at, rejection_reason, status_at)
    select v.id, ${world.campaign.id}, v.departement_code, ${ruleVersion}, st.status, 'national-' || o,
           ${world.coffret.unitPriceCents + world.jeu.unitPriceCents}, 2, v.registered_by, now() - (o % 2000) * interval '1 hour',
           case when st.status <> 'submitted' then ${adminId}::bigint end, case when st.status <> 'submitted' then now() - (o % 1000) * interval '1 hour' end,
           case when st.status = 'rejected' then 'La structure a déjà reçu des kits.' end, now() - (o) * interval '1 minute'
    from generate_series(1, ${sizes.orders}) o
    cross join n
    join verified v on v.i = case when o % ${sizes.busyEvery} = 0 then 1 else 1 + (o * 7919) % n.n end
    cross join lateral (select (${statuses}::text[])[1 + o % ${statuses.length}] as status) st`;
  await sql`
    insert into order_lines (order_id, kit_id, quantity, unit_price_cents)
    select o.id, k.kit_id, 1, k.price from orders o
    cross join (values (${world.coffret.kitId}::bigint, ${world.coffret.unitPriceCents}::bigint), (${world.jeu.kitId}::bigint, ${world.jeu.unitPriceCents}::bigint)) k(kit_id, price)
    where o.idempotency_key like 'national-%'`;
  await sql`analyze`;
  const [juror]: [{ userId: number }] = await sql`select user_id from jurors where contest_id = ${contest.id} order by user_id limit 1`;
  return {
    adminId,
    contest: { id: contest.id, slug: contest.slug },
    campaignId: world.campaign.id,
    jurorId: juror.userId,
    busyStructure: busy,
  };
}
