// Routing of approved orders to makers, the override of one share by an instructor or an admin, and
// the withdrawal of a maker who disappeared (docs/decisions/029-routing.md). Each is one
// transaction: orders locked first, then the makers' month rows in one order (maker, kit), then
// the guarded updates that hold "never a unit routed twice, never a month over its capacity".
import { randomInt } from "node:crypto";
import { portalLink } from "~/accounts/links.server";
import { appendAudit } from "~/audit/audit.server";
import { issueOrderDocument } from "~/documents/order-documents.server";
import { db, type Sql } from "~/infra/db.server";
import { Conflict, notFoundOf, Refused } from "~/infra/domain-errors";
import { parisMonth } from "~/infra/paris-time";
import { transaction } from "~/infra/transaction.server";
import { queueMail } from "~/mail/outbox.server";
import { nextFulfilmentStatus, type FulfilmentStatus } from "~/orders/fulfilment-lifecycle";
import { recipientsOf, refreshOrderStatus, releaseShare } from "~/orders/fulfilments.server";
import { departementDistanceKm, isOverseas } from "./distances";
import { shareRoutedMail, shareWithdrawnMail, type ShareLine } from "./mails";
import { planRoutes, type LineToRoute, type MakerOffer, type UnroutedLine } from "./route-plan";
import { MAX_SEED } from "./schemas";

export type RunSummary = { routedUnits: number; totalCost: number; shares: number; unrouted: UnroutedLine[] };
export type RoutingRun = { id: number; seed: number; summary: RunSummary };

export const ShareNotFound = notFoundOf("ShareNotFound", "Part de commande introuvable.");
export const MakerNotFound = notFoundOf("MakerNotFound", "Fabricant introuvable.");

/** A catalogue kit's title: the one of the version the catalogue shows (`k` is catalogue_kits). */
function kitTitle(sql: Sql) {
  return sql`(select coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title)
              from proposals p join proposal_versions v on v.proposal_id = p.id and v.version = k.version
              where p.id = k.proposal_id)`;
}

const isAdmin = (sql: Sql, userId: number) => sql`exists (select 1 from memberships m where m.user_id = ${userId} and m.role = 'admin')`;

type MonthKey = { makerId: number; kitId: number; month: string };

/**
 * Creates the month's row of each (maker, kit, month) with the capacity declared now, then locks
 * the rows in (maker, kit, month) order: every step that changes a month's load takes them in that
 * order, so two of them never wait on each other in a circle.
 */
async function lockMonths(keys: readonly MonthKey[], tx: Sql): Promise<void> {
  if (keys.length === 0) return;
  const columns = [keys.map((k) => k.makerId), keys.map((k) => k.kitId), keys.map((k) => k.month)];
  await tx`
    insert into maker_monthly_load (maker_id, kit_id, month, capacity)
    select c.maker_id, c.kit_id, p.month, c.units_per_month
    from maker_capacity c join unnest(${columns[0]}::bigint[], ${columns[1]}::bigint[], ${columns[2]}::date[]) as p (maker_id, kit_id, month)
      using (maker_id, kit_id)
    order by c.maker_id, c.kit_id, p.month
    on conflict do nothing`;
  await tx`
    select 1 from maker_monthly_load l
    join unnest(${columns[0]}::bigint[], ${columns[1]}::bigint[], ${columns[2]}::date[]) as p (maker_id, kit_id, month) using (maker_id, kit_id, month)
    order by l.maker_id, l.kit_id, l.month for update of l`;
}

/** Adds units to a maker's month; false when the month cannot take them (the guard, not a read). */
async function takeMonthUnits(share: { makerId: number; kitId: number; units: number }, month: string, tx: Sql): Promise<boolean> {
  const rows = await tx`
    update maker_monthly_load set routed_units = routed_units + ${share.units}
    where maker_id = ${share.makerId} and kit_id = ${share.kitId} and month = ${month} and routed_units + ${share.units} <= capacity
    returning 1`;
  return rows.length === 1;
}

/** Counts units of an order line as routed; the order is locked, so only a broken invariant refuses. */
async function routeLineUnits(line: { orderId: number; kitId: number; units: number }, tx: Sql): Promise<void> {
  const rows = await tx`
    update order_lines set routed_units = routed_units + ${line.units}
    where order_id = ${line.orderId} and kit_id = ${line.kitId} and routed_units + ${line.units} <= quantity
    returning 1`;
  if (rows.length !== 1) throw new Error(`order ${line.orderId}, kit ${line.kitId}: more units routed than ordered`);
}

type NewShare = { orderId: number; makerId: number; month: string; distanceKm: number; now: Date } & (
  { routingRunId: number } | { overrideBy: number; overrideReason: string }
);

/**
 * Adds lines to the order's live share of the maker (still to be accepted, counted on the same
 * month), or opens a new share
 * with its purchase order. Returns the share and, for a new one, its document's SHA-256.
 */
async function giveToMaker(share: NewShare, lines: readonly { kitId: number; units: number }[], tx: Sql) {
  const [live]: [{ id: number; status: FulfilmentStatus; month: string }?] = await tx`
    select id, status, to_char(month, 'YYYY-MM-DD') as month from fulfilments
    where order_id = ${share.orderId} and maker_id = ${share.makerId} and status not in ('refused', 'cancelled') for update`;
  // A share counts against one month: one accepted, or counted on another month, does not grow.
  if (live && (live.status !== "routed" || live.month !== share.month)) {
    throw new Conflict("Ce fabricant a déjà une part de cette commande, acceptée ou comptée sur un autre mois : choisissez-en un autre.", "makerId");
  }
  let fulfilmentId = live?.id;
  if (fulfilmentId === undefined) {
    const runId = "routingRunId" in share ? share.routingRunId : null;
    const [created]: [{ id: number }] = await tx`
      insert into fulfilments (order_id, maker_id, status, month, routing_run_id, override_by, override_reason, distance_km, routed_at, status_at)
      values (${share.orderId}, ${share.makerId}, 'routed', ${share.month}, ${runId}, ${"overrideBy" in share ? share.overrideBy : null},
              ${"overrideReason" in share ? share.overrideReason : null}, ${share.distanceKm}, ${share.now}, ${share.now})
      returning id`;
    fulfilmentId = created.id;
  }
  for (const line of lines) {
    await tx`
      insert into fulfilment_lines (fulfilment_id, order_id, kit_id, quantity) values (${fulfilmentId}, ${share.orderId}, ${line.kitId}, ${line.units})
      on conflict (fulfilment_id, kit_id) do update set quantity = fulfilment_lines.quantity + excluded.quantity`;
    await routeLineUnits({ orderId: share.orderId, kitId: line.kitId, units: line.units }, tx);
  }
  const purchaseOrder = live ? null : await issueOrderDocument({ kind: "purchase_order", fulfilmentId }, share.now, tx);
  return { fulfilmentId, added: live !== undefined, purchaseOrderSha256: purchaseOrder?.sha256 ?? null };
}

/** Tells the maker's members about a share given to them (or grown), linking to its page. */
async function mailShare(fulfilmentId: number, added: boolean, tx: Sql) {
  const share = await shareForMail(fulfilmentId, tx);
  const link = portalLink(`/fabricant/commandes/${fulfilmentId}`);
  for (const member of await recipientsOf({ makerId: share.makerId }, tx)) await queueMail(shareRoutedMail(member, share, link, added), tx);
}

async function shareForMail(fulfilmentId: number, tx: Sql) {
  const [share]: [{ orderId: number; makerId: number; maker: string; structure: string; departement: string; lines: ShareLine[] }] = await tx`
    select f.order_id, f.maker_id, m.name as maker, s.legal_name as structure, o.departement_code as departement,
           (select json_agg(json_build_object('kitTitle', ${kitTitle(tx)}, 'units', fl.quantity) order by fl.kit_id)
            from fulfilment_lines fl join catalogue_kits k on k.id = fl.kit_id where fl.fulfilment_id = f.id) as lines
    from fulfilments f join makers m on m.id = f.maker_id join orders o on o.id = f.order_id join structures s on s.id = o.structure_id
    where f.id = ${fulfilmentId}`;
  return share;
}

/** The offers of the makers that build these kits, with what the month has left (rows locked by lockMonths). */
async function readOffers(kitIds: readonly number[], month: string, tx: Sql): Promise<MakerOffer[]> {
  return tx<MakerOffer[]>`
    select c.maker_id, c.kit_id, mc.departement_code as maker_departement, c.paused,
           array(select v.departement_code from maker_coverage v where v.maker_id = c.maker_id and v.kit_id = c.kit_id order by 1) as departements,
           greatest(coalesce(l.capacity, c.units_per_month) - coalesce(l.routed_units, 0), 0)::int as remaining_units
    from maker_capacity c join makers m on m.id = c.maker_id join communes mc on mc.insee_code = m.commune_code
    left join maker_monthly_load l on l.maker_id = c.maker_id and l.kit_id = c.kit_id and l.month = ${month}
    where c.kit_id = any(${kitIds}::bigint[])
    order by c.maker_id, c.kit_id`;
}

/**
 * Routes every approved (or refused by a maker) order line of the campaign that has units left
 * to route. Runs of one campaign take turns (an advisory lock), so each plans with what the last
 * one left; the orders are locked against a concurrent cancellation or override.
 */
export async function routeOrders(input: { campaignId: number; seed?: number; actorId: number; now: Date }, sql: Sql = db): Promise<RoutingRun> {
  const seed = input.seed ?? randomInt(0, MAX_SEED);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Refused(`La graine est un entier de 0 à ${MAX_SEED}.`, "seed");
  const month = parisMonth(input.now);
  return transaction(sql, async (tx) => {
    const [campaign]: [{ id: number }?] = await tx`select id from distribution_campaigns where id = ${input.campaignId}`;
    if (!campaign) throw new Refused("Aucune campagne de distribution à router.");
    await tx`select pg_advisory_xact_lock(hashtextextended('routing:' || ${campaign.id}::text, 0))`;
    const orders = await tx<{ id: number }[]>`
      select id from orders where campaign_id = ${campaign.id} and status in ('approved', 'refused_by_maker') order by id for update`;
    const orderIds = orders.map((order) => order.id);
    const lines = await tx<(LineToRoute & { excludedMakers: number[] })[]>`
      select ol.order_id, ol.kit_id, ol.quantity - ol.routed_units as units, o.departement_code as departement,
             array(select f.maker_id::int from fulfilments f
                   where f.order_id = ol.order_id and f.status not in ('refused', 'cancelled') and (f.status <> 'routed' or f.month <> ${month})
                   order by 1) as excluded_makers
      from order_lines ol join orders o on o.id = ol.order_id
      where ol.order_id = any(${orderIds}::bigint[]) and ol.routed_units < ol.quantity
      order by ol.order_id, ol.kit_id`;
    const kitIds = [...new Set(lines.map((line) => line.kitId))];
    const open = await tx<{ makerId: number; kitId: number }[]>`
      select maker_id, kit_id from maker_capacity where kit_id = any(${kitIds}::bigint[]) and not paused order by maker_id, kit_id`;
    await lockMonths(
      open.map((pair) => ({ ...pair, month })),
      tx,
    );
    const plan = planRoutes(lines, await readOffers(kitIds, month, tx), seed);

    const [run]: [{ id: number }] = await tx`
      insert into routing_runs (campaign_id, seed, run_by, run_at, summary) values (${campaign.id}, ${seed}, ${input.actorId}, ${input.now}, '{}')
      returning id`;
    const unrouted = [...plan.unrouted];
    const given = new Map<string, { orderId: number; makerId: number; distanceKm: number; lines: { kitId: number; units: number }[] }>();
    // Month rows in (maker, kit) order, as lockMonths took them.
    const routes = [...plan.routes].sort((a, b) => a.makerId - b.makerId || a.kitId - b.kitId || a.orderId - b.orderId);
    for (const route of routes) {
      if (!(await takeMonthUnits(route, month, tx))) {
        unrouted.push({
          orderId: route.orderId,
          kitId: route.kitId,
          units: route.units,
          departement: lines.find((line) => line.orderId === route.orderId)!.departement,
          cause: "capacity",
          reason: "La capacité de ce mois du fabricant choisi a été prise pendant le routage : ces unités seront routées au prochain passage.",
        });
        continue;
      }
      const key = `${route.orderId}|${route.makerId}`;
      const share = given.get(key) ?? { orderId: route.orderId, makerId: route.makerId, distanceKm: route.distanceKm, lines: [] };
      share.lines.push({ kitId: route.kitId, units: route.units });
      given.set(key, share);
    }
    const shares = [...given.values()].sort((a, b) => a.orderId - b.orderId || a.makerId - b.makerId);
    const written = [];
    for (const share of shares) {
      const result = await giveToMaker({ ...share, month, routingRunId: run.id, now: input.now }, share.lines, tx);
      written.push({ ...share, ...result });
    }
    for (const orderId of new Set(shares.map((share) => share.orderId))) await refreshOrderStatus(orderId, input.now, tx);
    const summary: RunSummary = {
      routedUnits: shares.reduce((sum, share) => sum + share.lines.reduce((s, line) => s + line.units, 0), 0),
      totalCost: shares.reduce((sum, share) => sum + share.distanceKm * share.lines.reduce((s, line) => s + line.units, 0), 0),
      shares: shares.length,
      unrouted: unrouted.sort((a, b) => a.orderId - b.orderId || a.kitId - b.kitId),
    };
    await tx`update routing_runs set summary = ${tx.json(summary)} where id = ${run.id}`;
    for (const share of written) {
      await appendAudit(tx, {
        actorId: input.actorId,
        action: share.added ? "fulfilment.grown" : "fulfilment.routed",
        subject: `fulfilment:${share.fulfilmentId}`,
        data: {
          orderId: share.orderId,
          makerId: share.makerId,
          routingRunId: run.id,
          seed,
          distanceKm: share.distanceKm,
          lines: share.lines,
          purchaseOrderSha256: share.purchaseOrderSha256,
        },
      });
      await mailShare(share.fulfilmentId, share.added, tx);
    }
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "routing.run",
      subject: `routing_run:${run.id}`,
      data: { campaignId: campaign.id, seed, routedUnits: summary.routedUnits, totalCost: summary.totalCost, unroutedLines: summary.unrouted.length },
    });
    return { id: run.id, seed, summary };
  });
}

export type RoutingRunRow = { id: number; seed: number; runAt: Date; runBy: string | null; summary: RunSummary };

/** The campaign's latest runs, newest first. */
export async function listRoutingRuns(campaignId: number, limit = 10, sql: Sql = db): Promise<RoutingRunRow[]> {
  return sql<RoutingRunRow[]>`
    select r.id, r.seed, r.run_at, u.name as run_by, r.summary from routing_runs r left join users u on u.id = r.run_by
    where r.campaign_id = ${campaignId} order by r.id desc limit ${limit}`;
}

export type UnroutedLineView = UnroutedLine & { kitTitle: string; structure: string; orderStatus: string };

/** An unrouted line of a run, named for a person: the kit's title and the ordering structure. */
export async function describeUnrouted(lines: readonly UnroutedLine[], sql: Sql = db): Promise<UnroutedLineView[]> {
  if (lines.length === 0) return [];
  const names = await sql<{ orderId: number; kitId: number; kitTitle: string; structure: string; orderStatus: string }[]>`
    select o.id as order_id, k.id as kit_id, ${kitTitle(sql)} as kit_title, s.legal_name as structure, o.status as order_status
    from unnest(${lines.map((l) => l.orderId)}::bigint[], ${lines.map((l) => l.kitId)}::bigint[]) as p (order_id, kit_id)
    join orders o on o.id = p.order_id join structures s on s.id = o.structure_id join catalogue_kits k on k.id = p.kit_id`;
  return lines.map((line) => {
    const named = names.find((n) => n.orderId === line.orderId && n.kitId === line.kitId);
    return { ...line, kitTitle: named?.kitTitle ?? "—", structure: named?.structure ?? "—", orderStatus: named?.orderStatus ?? "—" };
  });
}

/** The live shares of the campaign, for the override links: newest first. */
export async function listLiveShares(campaignId: number, limit = 200, sql: Sql = db) {
  return sql<
    {
      id: number;
      orderId: number;
      maker: string;
      structure: string;
      departement: string;
      status: FulfilmentStatus;
      units: number;
      distanceKm: number;
    }[]
  >`
    select f.id, f.order_id, m.name as maker, s.legal_name as structure, o.departement_code as departement, f.status, f.distance_km,
           (select coalesce(sum(quantity), 0)::int from fulfilment_lines where fulfilment_id = f.id) as units
    from fulfilments f join orders o on o.id = f.order_id join makers m on m.id = f.maker_id join structures s on s.id = o.structure_id
    where o.campaign_id = ${campaignId} and f.status in ('routed', 'accepted')
    order by f.id desc limit ${limit}`;
}

export type ShareForOverride = {
  id: number;
  orderId: number;
  status: FulfilmentStatus;
  departement: string;
  structure: string;
  maker: { id: number; name: string; departement: string };
  distanceKm: number;
  lines: { kitId: number; kitTitle: string; units: number }[];
  candidates: { makerId: number; name: string; departement: string; distanceKm: number; remaining: { kitTitle: string; units: number }[] }[];
};

/** The share's order and lines, locked in the caller's transaction, if the actor may override it. */
async function lockShareForInstructor(fulfilmentId: number, actorId: number, tx: Sql, lock: boolean) {
  if (!Number.isSafeInteger(fulfilmentId) || fulfilmentId <= 0) throw new ShareNotFound();
  // The order first, then the share, as every step on a share (decision 031).
  if (lock) await tx`select id from orders where id = (select order_id from fulfilments where id = ${fulfilmentId}) for update`;
  const [share]: [{ id: number; orderId: number; makerId: number; status: FulfilmentStatus; month: string; departement: string }?] = await tx`
    select f.id, f.order_id, f.maker_id, f.status, to_char(f.month, 'YYYY-MM-DD') as month, o.departement_code as departement
    from fulfilments f join orders o on o.id = f.order_id
    where f.id = ${fulfilmentId} and exists (
      select 1 from memberships m
      where m.user_id = ${actorId} and (m.role = 'admin' or (m.role = 'instructor' and m.scope = 'departement:' || o.departement_code)))
    ${lock ? tx`for update of o, f` : tx``}`;
  if (!share) throw new ShareNotFound();
  return share;
}

/**
 * What the override page shows: the share, its current maker, and the makers that could take it
 * now (approved for every kit of it, delivering to the département, not paused), nearest first.
 * Not found for anyone but an admin or an instructor of the order's département.
 */
export async function shareForOverride(input: { fulfilmentId: number; actorId: number; now: Date }, sql: Sql = db): Promise<ShareForOverride> {
  const share = await lockShareForInstructor(input.fulfilmentId, input.actorId, sql, false);
  const month = parisMonth(input.now);
  const [view]: [Omit<ShareForOverride, "candidates" | "id" | "status" | "departement" | "orderId">] = await sql`
    select s.legal_name as structure, f.distance_km,
           json_build_object('id', m.id, 'name', m.name, 'departement', mc.departement_code) as maker,
           (select json_agg(json_build_object('kitId', fl.kit_id, 'kitTitle', ${kitTitle(sql)}, 'units', fl.quantity) order by fl.kit_id)
            from fulfilment_lines fl join catalogue_kits k on k.id = fl.kit_id where fl.fulfilment_id = f.id) as lines
    from fulfilments f join orders o on o.id = f.order_id join structures s on s.id = o.structure_id
    join makers m on m.id = f.maker_id join communes mc on mc.insee_code = m.commune_code
    where f.id = ${share.id}`;
  const kitIds = view.lines.map((line) => line.kitId);
  const offers = await readOffers(kitIds, month, sql);
  const names = await sql<
    { id: number; name: string }[]
  >`select id, name from makers where id = any(${[...new Set(offers.map((o) => o.makerId))]}::bigint[])`;
  const candidates = [...new Set(offers.map((offer) => offer.makerId))].flatMap((makerId) => {
    if (makerId === share.makerId) return [];
    const own = offers.filter((offer) => offer.makerId === makerId);
    const distanceKm = reachable(own, share.departement, kitIds);
    if (distanceKm === null) return [];
    return [
      {
        makerId,
        name: names.find((n) => n.id === makerId)?.name ?? "—",
        departement: own[0].makerDepartement,
        distanceKm,
        remaining: view.lines.map((line) => ({ kitTitle: line.kitTitle, units: own.find((o) => o.kitId === line.kitId)!.remainingUnits })),
      },
    ];
  });
  candidates.sort((a, b) => a.distanceKm - b.distanceKm || a.makerId - b.makerId);
  return { id: share.id, orderId: share.orderId, status: share.status, departement: share.departement, ...view, candidates };
}

/** The distance at which a maker's offers can take a share of these kits in the département, or null. */
function reachable(own: readonly MakerOffer[], departement: string, kitIds: readonly number[]): number | null {
  const makerDepartement = own[0]?.makerDepartement;
  if (makerDepartement === undefined) return null;
  if ((isOverseas(departement) || isOverseas(makerDepartement)) && makerDepartement !== departement) return null;
  const fits = kitIds.every((kitId) => own.some((o) => o.kitId === kitId && !o.paused && o.departements.includes(departement)));
  return fits ? departementDistanceKm(makerDepartement, departement) : null;
}

function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 5 || trimmed.length > 2000)
    throw new Refused("Indiquez la raison (de 5 à 2 000 caractères) : elle est conservée avec la décision.", "reason");
  return trimmed;
}

/**
 * An instructor of the order's département, or an admin, gives a share to another maker: the share
 * is cancelled (its units given back), and the same units go to the chosen maker, which must build
 * every kit of it, deliver to the département, and have the month's capacity (the guarded update).
 */
export async function overrideRoute(
  input: { fulfilmentId: number; makerId: number; reason: string; actorId: number; now: Date },
  sql: Sql = db,
): Promise<{ fulfilmentId: number }> {
  const reason = checkedReason(input.reason);
  return transaction(sql, async (tx) => {
    const share = await lockShareForInstructor(input.fulfilmentId, input.actorId, tx, true);
    const status = nextFulfilmentStatus(share.status, "cancel");
    if (!Number.isSafeInteger(input.makerId) || input.makerId <= 0) throw new Refused("Choisissez un fabricant de la liste.", "makerId");
    if (input.makerId === share.makerId) throw new Refused("Choisissez un autre fabricant que celui qui a cette part.", "makerId");
    const lines = await tx<{ kitId: number; units: number }[]>`
      select kit_id, quantity as units from fulfilment_lines where fulfilment_id = ${share.id} order by kit_id`;
    const month = parisMonth(input.now);
    const own = await readOffers(
      lines.map((line) => line.kitId),
      month,
      tx,
    ).then((offers) => offers.filter((offer) => offer.makerId === input.makerId));
    const distanceKm = reachable(
      own,
      share.departement,
      lines.map((line) => line.kitId),
    );
    if (distanceKm === null) {
      throw new Refused(
        "Ce fabricant ne peut pas prendre cette part : il doit fabriquer chacun de ses kits, livrer le département et ne pas être en pause.",
        "makerId",
      );
    }
    await lockMonths(
      lines.flatMap((line) => [
        { makerId: share.makerId, kitId: line.kitId, month: share.month },
        { makerId: input.makerId, kitId: line.kitId, month },
      ]),
      tx,
    );
    await tx`update fulfilments set status = ${status}, status_at = ${input.now} where id = ${share.id}`;
    await releaseShare(share.id, tx);
    for (const line of lines) {
      if (!(await takeMonthUnits({ makerId: input.makerId, kitId: line.kitId, units: line.units }, month, tx))) {
        const left = own.find((offer) => offer.kitId === line.kitId)?.remainingUnits ?? 0;
        throw new Conflict(
          `Ce fabricant n'a plus la capacité de ce mois pour cette part : il lui reste ${left} unité${left >= 2 ? "s" : ""} d'un de ses kits.`,
          "makerId",
        );
      }
    }
    const given = await giveToMaker(
      { orderId: share.orderId, makerId: input.makerId, month, distanceKm, overrideBy: input.actorId, overrideReason: reason, now: input.now },
      lines,
      tx,
    );
    await refreshOrderStatus(share.orderId, input.now, tx);
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "fulfilment.overridden",
      subject: `fulfilment:${share.id}`,
      data: {
        orderId: share.orderId,
        from: share.makerId,
        to: input.makerId,
        toFulfilmentId: given.fulfilmentId,
        reason,
        lines,
        purchaseOrderSha256: given.purchaseOrderSha256,
      },
    });
    const taken = await shareForMail(share.id, tx);
    for (const member of await recipientsOf({ makerId: share.makerId }, tx)) await queueMail(shareWithdrawnMail(member, taken, reason), tx);
    await mailShare(given.fulfilmentId, given.added, tx);
    return { fulfilmentId: given.fulfilmentId };
  });
}

export type Withdrawal = {
  cancelled: { fulfilmentId: number; orderId: number }[];
  inProduction: { fulfilmentId: number; orderId: number; status: FulfilmentStatus }[];
};

/**
 * An admin takes back every share of a maker who disappeared that is not yet in production: each is
 * cancelled and its units go back to routing, and the maker's kits are paused so the next run routes
 * them elsewhere. Shares in production or beyond are listed, not touched.
 */
export async function withdrawMaker(input: { makerId: number; reason: string; actorId: number; now: Date }, sql: Sql = db): Promise<Withdrawal> {
  const reason = checkedReason(input.reason);
  if (!Number.isSafeInteger(input.makerId) || input.makerId <= 0) throw new MakerNotFound();
  return transaction(sql, async (tx) => {
    const [maker]: [{ id: number }?] = await tx`select id from makers where id = ${input.makerId} and ${isAdmin(tx, input.actorId)} for update`;
    if (!maker) throw new MakerNotFound();
    await tx`
      select o.id from orders o where o.id in (select order_id from fulfilments where maker_id = ${maker.id} and status in ('routed', 'accepted'))
      order by o.id for update`;
    const shares = await tx<{ id: number; orderId: number; status: FulfilmentStatus }[]>`
      select id, order_id, status from fulfilments where maker_id = ${maker.id} and status not in ('refused', 'cancelled', 'delivered')
      order by id for update`;
    const cancelled = shares.filter((share) => share.status === "routed" || share.status === "accepted");
    await lockMonths(
      await tx<MonthKey[]>`
        select distinct f.maker_id, fl.kit_id, to_char(f.month, 'YYYY-MM-DD') as month
        from fulfilments f join fulfilment_lines fl on fl.fulfilment_id = f.id where f.id = any(${cancelled.map((share) => share.id)}::bigint[])`,
      tx,
    );
    for (const share of cancelled) {
      await tx`update fulfilments set status = ${nextFulfilmentStatus(share.status, "cancel")}, status_at = ${input.now} where id = ${share.id}`;
      await releaseShare(share.id, tx);
      await refreshOrderStatus(share.orderId, input.now, tx);
      await appendAudit(tx, {
        actorId: input.actorId,
        action: "fulfilment.withdrawn",
        subject: `fulfilment:${share.id}`,
        data: { orderId: share.orderId, makerId: maker.id, reason },
      });
      const taken = await shareForMail(share.id, tx);
      for (const member of await recipientsOf({ makerId: maker.id }, tx)) await queueMail(shareWithdrawnMail(member, taken, reason), tx);
    }
    await tx`update maker_capacity set paused = true, updated_by = ${input.actorId}, updated_at = ${input.now} where maker_id = ${maker.id} and not paused`;
    const inProduction = shares
      .filter((share) => !cancelled.includes(share))
      .map((share) => ({ fulfilmentId: share.id, orderId: share.orderId, status: share.status }));
    await appendAudit(tx, {
      actorId: input.actorId,
      action: "maker.withdrawn",
      subject: `maker:${maker.id}`,
      data: { reason, cancelled: cancelled.map((share) => share.id), inProduction: inProduction.map((share) => share.fulfilmentId) },
    });
    return { cancelled: cancelled.map((share) => ({ fulfilmentId: share.id, orderId: share.orderId })), inProduction };
  });
}

/** The makers an admin may withdraw, with their open shares: for the withdrawal form. */
export async function makerForWithdrawal(makerId: number, sql: Sql = db) {
  if (!Number.isSafeInteger(makerId) || makerId <= 0) throw new MakerNotFound();
  const [maker]: [{ id: number; name: string; open: number; inProduction: number }?] = await sql`
    select m.id, m.name,
           (select count(*)::int from fulfilments f where f.maker_id = m.id and f.status in ('routed', 'accepted')) as open,
           (select count(*)::int from fulfilments f where f.maker_id = m.id and f.status in ('in_production', 'shipped')) as in_production
    from makers m where m.id = ${makerId}`;
  if (!maker) throw new MakerNotFound();
  return maker;
}
