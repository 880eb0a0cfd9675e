// The distribution of the national seed, as rows: structures spread over the communes by
// population, makers in every region with their coverage and capacity, and orders in every state
// of their life cycle with everything each state implies — fulfilments, shipments, receipts,
// feedback, ledger entries — and the counters those imply (allocations, the structures' usage, the
// makers' monthly load). Pure: the same input gives the same rows.
import { departementChain } from "../../app/audit/chain";
import { parisMonth, toParisLocal } from "../../app/infra/paris-time";
import { fundsHeld, orderStatuses, type OrderStatus } from "../../app/orders/orders-lifecycle";
import { FEEDBACK_DELAY_MS } from "../../app/orders/receipts.server";
import { departementDistanceKm } from "../../app/routing/distances";
import type { StructureKind } from "../../app/structures/kinds";
import type { AuditEvent } from "./audit-rows";
import type { TableRows } from "./copy";
import { draws, weightedIndex, type Draws } from "./draws";
import { personName, phoneNumber, seedSiret, streetAddress } from "./people";
import type { NationalSizes } from "./sizes";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Commune = { code: string; name: string; departementCode: string; population: number; postalCodes: readonly string[] };
export type Kit = { id: number; unitPriceCents: number; themes: readonly string[] };

export type DistributionInput = {
  seed: number;
  sizes: NationalSizes;
  now: Date;
  campaign: { id: number; opensAt: Date; ruleVersion: number; capCents: number; capUnits: number };
  communes: readonly Commune[];
  /** Département code → region code. */
  regions: ReadonlyMap<string, string>;
  /** Département code → its allocation's cap. */
  caps: ReadonlyMap<string, number>;
  kits: readonly Kit[];
  adminId: number;
  instructorIds: ReadonlyMap<string, number>;
  structureMemberIds: readonly number[];
  makerMemberIds: readonly number[];
  /** The ledger's next movement id. */
  firstMovementId: number;
};

/** Every state an order can be in once sent, each present at any scale (the first orders take one each). */
export const seededOrderStates = orderStatuses.filter((status): status is Exclude<OrderStatus, "cart"> => status !== "cart");
type SeededState = (typeof seededOrderStates)[number];

const stateWeights: Record<SeededState, number> = {
  submitted: 6,
  approved: 4,
  rejected: 5,
  routed: 4,
  accepted: 4,
  refused_by_maker: 1,
  in_production: 8,
  shipped: 6,
  delivered: 12,
  closed: 45,
  cancelled: 5,
};

export type AllocationTotals = { reservedCents: number; committedCents: number; spentCents: number };

export type DistributionRows = {
  tables: TableRows[];
  allocations: Map<string, AllocationTotals>;
  /** What the orders' steps wrote to the audit log, to be chained (audit-rows.ts). */
  audit: AuditEvent[];
  /** The ledger's next movement id after the orders' movements. */
  nextMovementId: number;
};

const structureKinds: Record<StructureKind, number> = {
  library: 22,
  town_hall: 25,
  social_action_centre: 10,
  care_home: 8,
  association: 15,
  social_centre: 7,
  third_place: 5,
  france_services: 6,
  other: 2,
};
const structureNames: Record<StructureKind, (commune: string, draw: Draws) => string> = {
  library: (c) => `Médiathèque de ${c}`,
  town_hall: (c) => `Mairie de ${c}`,
  social_action_centre: (c) => `CCAS de ${c}`,
  care_home: (c, d) => `EHPAD ${d.pick(["Les Tilleuls", "Les Glycines", "Le Clos Fleuri", "La Roseraie"])} (${c})`,
  association: (c, d) => `Association ${d.pick(["Lien numérique", "Clic solidaire", "Les Connectés", "Entraide et numérique"])} de ${c}`,
  social_centre: (c) => `Centre social de ${c}`,
  third_place: (c, d) => `Tiers-lieu ${d.pick(["La Fabrique", "Le Hangar", "La Ruche", "L'Atelier"])} (${c})`,
  france_services: (c) => `France Services de ${c}`,
  other: (c) => `Maison de quartier de ${c}`,
};
const rejections = ["Structure hors du champ du programme : entreprise commerciale.", "Le SIRET ne correspond pas à la structure déclarée."];
const questions = ["Merci de joindre les statuts de l'association.", "Pouvez-vous préciser les publics accompagnés ?"];
const signatoryRoles = ["Directrice", "Responsable de la médiathèque", "Secrétaire de mairie", "Coordinateur numérique", "Agent d'accueil"];

function postalCode(commune: Commune): string {
  return commune.postalCodes[0] ?? `${commune.departementCode.replace(/^2[AB]$/, "20")}000`.slice(0, 5);
}

/** An order's steps, as offsets in ms from its submission; which exist depends on its state. */
type Timeline = {
  decided?: number;
  routed?: number;
  makerAnswered?: number;
  produced?: number;
  shipped?: number;
  received?: number;
  closed?: number;
  cancelled?: number;
};

function timeline(state: SeededState, draw: Draws, cancelledAfterApproval: boolean): Timeline {
  const hours = (min: number, max: number) => draw.int(min, max) * HOUR;
  const t: Timeline = {};
  if (state === "submitted") return t;
  if (state === "cancelled") {
    if (cancelledAfterApproval) t.decided = hours(12, 240);
    t.cancelled = (t.decided ?? 0) + hours(2, 200);
    return t;
  }
  t.decided = hours(12, 240);
  if (state === "approved" || state === "rejected") return t;
  // Routing runs once a day: a share is routed at the first run a day or so after approval.
  // At least 30 hours: the routing run it falls back to (once a day) is still after the approval.
  t.routed = t.decided + hours(30, 72);
  if (state === "routed") return t;
  t.makerAnswered = t.routed + hours(4, 72);
  if (state === "accepted" || state === "refused_by_maker") return t;
  t.produced = t.makerAnswered + hours(12, 120);
  if (state === "in_production") return t;
  t.shipped = t.produced + hours(72, 480);
  if (state === "shipped") return t;
  t.received = t.shipped + hours(24, 168);
  if (state === "delivered") return t;
  t.closed = t.received + hours(24, 720);
  return t;
}

function trackingNumber(carrier: string, draw: Draws): string | null {
  const digits = (n: number) => Array.from({ length: n }, () => draw.int(0, 9)).join("");
  if (carrier === "colissimo") return `6A${digits(11)}`;
  if (carrier === "la_poste") return `1K${digits(11)}`;
  if (carrier === "dpd") return digits(14);
  return null;
}

export function distributionRows(input: DistributionInput): DistributionRows {
  const { sizes, now, campaign } = input;
  const draw = draws(input.seed, "distribution");
  const at = (ms: number) => new Date(ms);
  const opens = campaign.opensAt.getTime();
  const pickCommune = weightedIndex(input.communes.map((c) => c.population));

  // Structures: registered and (mostly) verified before ordering opened; the waiting ones recently.
  const structures: unknown[][] = [];
  const structureReviews: unknown[][] = [];
  const verified: { id: number; departementCode: string; member: number }[] = [];
  for (let i = 0; i < sizes.structures; i++) {
    const id = i + 1;
    const commune = input.communes[pickCommune(draw)]!;
    const kind = draw.weighted(structureKinds);
    const status = draw.weighted({ verified: 85, pending: 6, information_requested: 3, rejected: 6 });
    const member = input.structureMemberIds[i]!;
    const instructor = input.instructorIds.get(commune.departementCode)!;
    const createdAt = status === "pending" ? now.getTime() - draw.int(1, 30) * DAY : opens - draw.int(15, 200) * DAY;
    const statusAt = status === "pending" ? createdAt : createdAt + draw.int(1, 10) * DAY;
    const reason = status === "rejected" ? draw.pick(rejections) : status === "information_requested" ? draw.pick(questions) : null;
    structures.push([
      id,
      seedSiret(7, id),
      structureNames[kind](commune.name, draw),
      kind,
      commune.code,
      streetAddress(draw),
      postalCode(commune),
      personName(draw),
      phoneNumber(draw),
      status,
      reason,
      at(statusAt),
      status === "pending" ? null : instructor,
      member,
      at(createdAt),
    ]);
    if (status === "verified") {
      if (draw.chance(0.1)) {
        structureReviews.push([id, "information_requested", draw.pick(questions), instructor, at(createdAt + HOUR)]);
        structureReviews.push([id, "information_provided", "Les pièces demandées sont jointes.", member, at(createdAt + 2 * HOUR)]);
      }
      structureReviews.push([id, "verified", null, instructor, at(statusAt)]);
      verified.push({ id, departementCode: commune.departementCode, member });
    } else if (status !== "pending") {
      structureReviews.push([id, status, reason, instructor, at(statusAt)]);
    }
  }

  // Makers: one in every region first, so every département is covered; the others where people live.
  const regionCodes = [...new Set(input.regions.values())].sort();
  const makers: unknown[][] = [];
  const makerKits: unknown[][] = [];
  const coverage: unknown[][] = [];
  const makerDepartement: string[] = [];
  const makersByRegion = new Map<string, number[]>();
  for (let i = 0; i < sizes.makers; i++) {
    const id = i + 1;
    let commune = input.communes[pickCommune(draw)]!;
    if (i < regionCodes.length) {
      const inRegion = input.communes.filter((c) => input.regions.get(c.departementCode) === regionCodes[i]);
      commune = inRegion[weightedIndex(inRegion.map((c) => c.population))(draw)]!;
    }
    const region = input.regions.get(commune.departementCode)!;
    const kind = draw.weighted({ fablab: 35, third_place: 25, company: 30, laureate: 5, other: 5 });
    const name = {
      fablab: `Fablab de ${commune.name}`,
      third_place: `Tiers-lieu de ${commune.name}`,
      company: `Atelier ${personName(draw).split(" ")[1]} (${commune.name})`,
      laureate: `Collectif ${personName(draw).split(" ")[1]}`,
      other: `Ressourcerie de ${commune.name}`,
    }[kind];
    const member = input.makerMemberIds[i]!;
    const createdAt = opens - draw.int(20, 60) * DAY;
    makers.push([id, seedSiret(8, id), name, kind, commune.code, personName(draw), phoneNumber(draw), member, at(createdAt)]);
    makerDepartement.push(commune.departementCode);
    makersByRegion.set(region, [...(makersByRegion.get(region) ?? []), id]);
    for (const kit of input.kits) {
      makerKits.push([id, kit.id, "approved", null, member, at(createdAt + DAY), input.adminId, at(createdAt + 2 * DAY)]);
      for (const [code, codeRegion] of input.regions) if (codeRegion === region) coverage.push([id, kit.id, code]);
    }
  }

  // Orders, each in a state drawn (the first ones in one state each), timed backwards from now.
  const orders: unknown[][] = [];
  const orderLines: unknown[][] = [];
  const fulfilments: unknown[][] = [];
  const fulfilmentLines: unknown[][] = [];
  const shipments: unknown[][] = [];
  const shipmentLines: unknown[][] = [];
  const receipts: unknown[][] = [];
  const receiptLines: unknown[][] = [];
  const feedback: unknown[][] = [];
  const ledger: unknown[][] = [];
  const audit: AuditEvent[] = [];
  const allocations = new Map<string, AllocationTotals>();
  const usage = new Map<number, { cents: number; units: number }>();
  const monthlyLoad = new Map<string, number>();
  const runs = new Map<number, { units: number; cost: number }>();
  let movement = input.firstMovementId;
  let lines = 0;
  let cursor = 0;
  const queue = [...verified];
  for (let i = queue.length - 1; i > 0; i--) {
    const j = draw.int(0, i);
    [queue[i], queue[j]] = [queue[j]!, queue[i]!];
  }
  if (queue.length === 0) throw new Error("aucune structure vérifiée : rien ne peut être commandé");

  while (lines < sizes.orderLines) {
    const id = orders.length + 1;
    const structure = queue[cursor++ % queue.length]!;
    const kits = draw.sample(input.kits, Math.min(Number(draw.weighted({ 1: 40, 2: 35, 3: 25 })), input.kits.length, sizes.orderLines - lines));
    let picked = kits.map((kit) => ({ kit, quantity: Number(draw.weighted({ 1: 75, 2: 20, 3: 5 })) }));
    const used = usage.get(structure.id) ?? { cents: 0, units: 0 };
    const sum = () => ({
      cents: picked.reduce((s, l) => s + l.quantity * l.kit.unitPriceCents, 0),
      units: picked.reduce((s, l) => s + l.quantity, 0),
    });
    // A structure's second order is smaller: together they stay within the structure's cap.
    if (used.cents + sum().cents > campaign.capCents || used.units + sum().units > campaign.capUnits)
      picked = picked.map((l) => ({ ...l, quantity: 1 }));
    const total = sum();
    let state: SeededState = id <= seededOrderStates.length ? seededOrderStates[id - 1]! : draw.weighted(stateWeights);
    const overStructureCap = used.cents + total.cents > campaign.capCents || used.units + total.units > campaign.capUnits;
    const allocation = allocations.get(structure.departementCode) ?? { reservedCents: 0, committedCents: 0, spentCents: 0 };
    const held = allocation.reservedCents + allocation.committedCents + allocation.spentCents;
    // What the département's allocation or the structure's cap could not take, the instructor refused.
    if (overStructureCap || held + total.cents > input.caps.get(structure.departementCode)!) state = "rejected";
    const cancelledAfterApproval = state === "cancelled" && draw.chance(0.5);
    const rejectionReason = "La demande dépasse ce que le programme peut financer pour cette structure.";
    const steps = timeline(state, draw, cancelledAfterApproval);
    // Every step a day before now at the latest, the submission a day after ordering opened at the earliest.
    const available = now.getTime() - opens - 2 * DAY;
    let span = Math.max(0, ...Object.values(steps));
    if (span > available) {
      for (const key of Object.keys(steps) as (keyof Timeline)[]) steps[key] = Math.floor((steps[key]! * available) / span);
      span = Math.max(0, ...Object.values(steps));
    }
    // Orders still moving were sent lately; finished ones any time since ordering opened.
    const finished = state === "closed" || state === "rejected" || state === "cancelled" || state === "delivered";
    const room = available - span;
    const slack = draw.float() ** (finished ? 1 : 3) * (finished ? room : Math.min(room, 30 * DAY));
    const submittedAt = Math.floor(now.getTime() - DAY - span - slack);
    // Routing runs once a day at 06:00 UTC: the share is routed at the last run before its routing step.
    if (steps.routed !== undefined) {
      const day = Math.floor((submittedAt + steps.routed - opens - 6 * HOUR) / DAY);
      steps.routed = opens + day * DAY + 6 * HOUR - submittedAt;
    }
    const t = (offset: number | undefined) => (offset === undefined ? null : at(submittedAt + offset));
    const instructor = input.instructorIds.get(structure.departementCode)!;
    const statusAt = at(submittedAt + Math.max(0, ...Object.values(steps)));
    const status: OrderStatus = state;
    orders.push([
      id,
      structure.id,
      campaign.id,
      structure.departementCode,
      campaign.ruleVersion,
      status,
      `national-${id}`,
      total.cents,
      total.units,
      structure.member,
      at(submittedAt),
      steps.decided === undefined ? null : instructor,
      t(steps.decided),
      state === "rejected" ? rejectionReason : null,
      state === "cancelled" ? structure.member : null,
      t(steps.cancelled),
      statusAt,
    ]);
    const routedLive = steps.routed !== undefined && state !== "refused_by_maker";
    for (const line of picked) orderLines.push([id, line.kit.id, line.quantity, line.kit.unitPriceCents, routedLive ? line.quantity : 0]);
    lines += picked.length;

    // The money: reserved at submission, then committed, released or spent as the order moved.
    const entry = (kind: string, deltas: [number, number, number], actor: number, offset: number) =>
      ledger.push([campaign.id, movement++, kind, structure.departementCode, 0, ...deltas, `Commande n° ${id}`, actor, at(submittedAt + offset), id]);
    entry("reservation", [total.cents, 0, 0], structure.member, 0);
    if (steps.decided !== undefined && state !== "rejected") entry("commitment", [-total.cents, total.cents, 0], instructor, steps.decided);
    if (state === "rejected") entry("release", [-total.cents, 0, 0], instructor, steps.decided!);
    if (state === "cancelled")
      entry("release", cancelledAfterApproval ? [0, -total.cents, 0] : [-total.cents, 0, 0], structure.member, steps.cancelled!);
    if (steps.received !== undefined) entry("spending", [0, -total.cents, total.cents], structure.member, steps.received);
    // The audit entries the domain writes at each step (orders.server.ts, instruction.server.ts, receipts.server.ts).
    const subject = `order:${id}`;
    const event = (action: string, actorId: number, offset: number, data: Record<string, unknown>, chain = "main") =>
      audit.push({ chain, at: at(submittedAt + offset), actorId, action, subject, data });
    event(
      "order.submitted",
      structure.member,
      0,
      {
        structureId: structure.id,
        campaignId: campaign.id,
        ruleVersion: campaign.ruleVersion,
        totalCents: total.cents,
        lines: picked.map((line) => ({ kitId: line.kit.id, quantity: line.quantity, unitPriceCents: line.kit.unitPriceCents })),
      },
      departementChain(structure.departementCode),
    );
    if (steps.decided !== undefined && state !== "rejected") event("order.approved", instructor, steps.decided, { totalCents: total.cents });
    if (state === "rejected") event("order.rejected", instructor, steps.decided!, { reason: rejectionReason });
    if (state === "cancelled")
      event("order.cancelled", structure.member, steps.cancelled!, { from: cancelledAfterApproval ? "approved" : "submitted", fulfilments: [] });
    if (steps.closed !== undefined) event("order.closed", instructor, steps.closed, {});
    const funds = fundsHeld(status);
    if (funds === "reserved") allocation.reservedCents += total.cents;
    if (funds === "committed") allocation.committedCents += total.cents;
    if (funds === "spent") allocation.spentCents += total.cents;
    allocations.set(structure.departementCode, allocation);
    if (funds !== "none") usage.set(structure.id, { cents: used.cents + total.cents, units: used.units + total.units });

    if (steps.routed === undefined) continue;
    // One maker covering the département takes the whole order, at the day's routing run.
    const candidates = makersByRegion.get(input.regions.get(structure.departementCode)!)!;
    const maker = draw.pick(candidates);
    const makerMember = input.makerMemberIds[maker - 1]!;
    const fulfilmentId = fulfilments.length + 1;
    const routedAt = at(submittedAt + steps.routed);
    const run = Math.round((routedAt.getTime() - opens - 6 * HOUR) / DAY) + 1;
    const distance = departementDistanceKm(makerDepartement[maker - 1]!, structure.departementCode) ?? 0;
    const fulfilmentStatus = {
      routed: "routed",
      accepted: "accepted",
      refused_by_maker: "refused",
      in_production: "in_production",
      shipped: "shipped",
      delivered: "delivered",
      closed: "delivered",
    }[state as "routed"];
    const shareAt = t(steps.received ?? steps.shipped ?? steps.produced ?? steps.makerAnswered ?? steps.routed)!;
    fulfilments.push([
      fulfilmentId,
      id,
      maker,
      fulfilmentStatus,
      parisMonth(routedAt),
      run,
      distance,
      state === "refused_by_maker" ? "Notre atelier ne peut pas fabriquer ces kits ce mois-ci." : null,
      routedAt,
      shareAt,
    ]);
    const summary = runs.get(run) ?? { units: 0, cost: 0 };
    summary.units += total.units;
    summary.cost += total.units * distance;
    runs.set(run, summary);
    for (const line of picked) {
      const shipped = steps.shipped !== undefined ? line.quantity : 0;
      fulfilmentLines.push([fulfilmentId, id, line.kit.id, line.quantity, shipped]);
      if (routedLive) {
        const key = `${maker}|${line.kit.id}|${parisMonth(routedAt)}`;
        monthlyLoad.set(key, (monthlyLoad.get(key) ?? 0) + line.quantity);
      }
    }
    if (steps.shipped === undefined) continue;
    const shipmentId = shipments.length + 1;
    const carrier = draw.weighted({ colissimo: 50, la_poste: 20, dpd: 20, hand_delivery: 10 });
    shipments.push([shipmentId, fulfilmentId, carrier, trackingNumber(carrier, draw), makerMember, t(steps.shipped), steps.received !== undefined]);
    for (const line of picked) shipmentLines.push([shipmentId, fulfilmentId, line.kit.id, line.quantity]);
    if (steps.received === undefined) continue;
    const receivedAt = t(steps.received)!;
    const receivedOn = toParisLocal(receivedAt).slice(0, 10);
    const signatoryName = personName(draw);
    const signatoryRole = draw.pick(signatoryRoles);
    event("order.receipt_confirmed", structure.member, steps.received!, {
      shipmentId,
      fulfilmentId,
      receivedOn,
      signatoryName,
      signatoryRole,
      reservations: null,
      lines: picked.map((line) => ({ kitId: line.kit.id, shipped: line.quantity, received: line.quantity })),
      spentCents: total.cents,
      delivered: true,
      releasedCents: 0,
      releasedUnits: 0,
    });
    receipts.push([shipmentId, receivedOn, signatoryName, signatoryRole, null, structure.member, receivedAt, total.cents]);
    for (const line of picked) {
      receiptLines.push([shipmentId, line.kit.id, line.quantity]);
      // How each kit is used is asked six weeks after it arrived; many answer, most answers are published.
      const askAfter = receivedAt.getTime() + FEEDBACK_DELAY_MS;
      const askedAt = askAfter <= now.getTime() ? askAfter + draw.int(1, 12) * HOUR : null;
      const answeredAt = askedAt !== null && draw.chance(0.6) ? askedAt + draw.int(1, 14 * 24) * HOUR : null;
      const answered = answeredAt !== null && answeredAt <= now.getTime();
      const moderatedAt = answered ? answeredAt + draw.int(1, 5) * DAY : null;
      const moderation = answered && moderatedAt! <= now.getTime() ? draw.weighted({ published: 90, hidden: 10 }) : "pending";
      feedback.push([
        id,
        line.kit.id,
        at(askAfter),
        askedAt === null || askedAt > now.getTime() ? null : at(askedAt),
        answered ? Number(draw.weighted({ 1: 3, 2: 7, 3: 20, 4: 45, 5: 25 })) : null,
        answered ? draw.int(0, 120) : null,
        answered ? draw.sample(line.kit.themes, draw.int(0, line.kit.themes.length)) : [],
        answered && draw.chance(0.3) ? "Les ateliers ont trouvé leur public, les fiches sont très appréciées." : null,
        answered ? structure.member : null,
        answered ? at(answeredAt) : null,
        moderation,
        moderation === "pending" ? null : input.adminId,
        moderation === "pending" ? null : at(moderatedAt!),
      ]);
    }
  }

  // Capacity: what each maker declared leaves room above its busiest month (the load never exceeds it).
  const busiest = new Map<string, number>();
  for (const [key, units] of monthlyLoad) {
    const [maker, kit] = key.split("|");
    busiest.set(`${maker}|${kit}`, Math.max(busiest.get(`${maker}|${kit}`) ?? 0, units));
  }
  const capacity = new Map<string, number>();
  const capacityRows: unknown[][] = [];
  for (let maker = 1; maker <= sizes.makers; maker++) {
    for (const kit of input.kits) {
      const units = Math.min(100_000, Math.max(20, Math.ceil(((busiest.get(`${maker}|${kit.id}`) ?? 0) * (1.2 + draw.float())) / 10) * 10));
      capacity.set(`${maker}|${kit.id}`, units);
      capacityRows.push([maker, kit.id, units, false, input.makerMemberIds[maker - 1]!, at(opens - 10 * DAY)]);
    }
  }
  const loadRows = [...monthlyLoad].map(([key, units]) => {
    const [maker, kit, month] = key.split("|");
    return [Number(maker), Number(kit), month, capacity.get(`${maker}|${kit}`)!, units];
  });
  const runRows = [...runs].map(([run, summary]) => [
    run,
    campaign.id,
    run,
    input.adminId,
    at(opens + (run - 1) * DAY + 6 * HOUR),
    { json: { routedUnits: summary.units, unrouted: [], totalCost: summary.cost } },
  ]);
  const usageRows = [...usage].map(([structure, used]) => [structure, campaign.id, used.cents, used.units, campaign.capCents, campaign.capUnits]);

  const table = (name: string, columns: string[], rows: unknown[][]): TableRows => ({ table: name, columns, rows: rows as never });
  return {
    allocations,
    audit,
    nextMovementId: movement,
    tables: [
      table(
        "structures",
        [
          "id",
          "siret",
          "legal_name",
          "kind",
          "commune_code",
          "address",
          "postal_code",
          "contact_name",
          "contact_phone",
          "status",
          "status_reason",
          "status_at",
          "status_by",
          "registered_by",
          "created_at",
        ],
        structures,
      ),
      table("structure_reviews", ["structure_id", "action", "message", "actor_id", "at"], structureReviews),
      table("makers", ["id", "siret", "name", "kind", "commune_code", "contact_name", "contact_phone", "registered_by", "created_at"], makers),
      table("maker_kits", ["maker_id", "kit_id", "status", "refusal_reason", "requested_by", "requested_at", "decided_by", "decided_at"], makerKits),
      table("maker_coverage", ["maker_id", "kit_id", "departement_code"], coverage),
      table("maker_capacity", ["maker_id", "kit_id", "units_per_month", "paused", "updated_by", "updated_at"], capacityRows),
      table(
        "orders",
        [
          "id",
          "structure_id",
          "campaign_id",
          "departement_code",
          "rule_version",
          "status",
          "idempotency_key",
          "total_cents",
          "total_units",
          "submitted_by",
          "submitted_at",
          "decided_by",
          "decided_at",
          "rejection_reason",
          "cancelled_by",
          "cancelled_at",
          "status_at",
        ],
        orders,
      ),
      table("order_lines", ["order_id", "kit_id", "quantity", "unit_price_cents", "routed_units"], orderLines),
      table("structure_campaign_usage", ["structure_id", "campaign_id", "used_cents", "used_units", "cap_cents", "cap_units"], usageRows),
      table("routing_runs", ["id", "campaign_id", "seed", "run_by", "run_at", "summary"], runRows),
      table(
        "fulfilments",
        ["id", "order_id", "maker_id", "status", "month", "routing_run_id", "distance_km", "refusal_reason", "routed_at", "status_at"],
        fulfilments,
      ),
      table("fulfilment_lines", ["fulfilment_id", "order_id", "kit_id", "quantity", "shipped_units"], fulfilmentLines),
      table("maker_monthly_load", ["maker_id", "kit_id", "month", "capacity", "routed_units"], loadRows),
      table("shipments", ["id", "fulfilment_id", "carrier", "tracking_number", "shipped_by", "shipped_at", "received"], shipments),
      table("shipment_lines", ["shipment_id", "fulfilment_id", "kit_id", "quantity"], shipmentLines),
      table(
        "shipment_receipts",
        ["shipment_id", "received_on", "signatory_name", "signatory_role", "reservations", "confirmed_by", "confirmed_at", "spent_cents"],
        receipts,
      ),
      table("shipment_receipt_lines", ["shipment_id", "kit_id", "received_units"], receiptLines),
      table(
        "kit_feedback",
        [
          "order_id",
          "kit_id",
          "ask_after",
          "asked_at",
          "rating",
          "people_reached",
          "themes",
          "comment",
          "answered_by",
          "answered_at",
          "moderation",
          "moderated_by",
          "moderated_at",
        ],
        feedback,
      ),
      table(
        "ledger_entries",
        [
          "campaign_id",
          "movement_id",
          "kind",
          "departement_code",
          "cap_delta",
          "reserved_delta",
          "committed_delta",
          "spent_delta",
          "reason",
          "actor_id",
          "at",
          "order_id",
        ],
        ledger,
      ),
    ],
  };
}
