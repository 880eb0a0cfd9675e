// What a structure's members see of its orders: what it may still order (its cap and its
// département's envelope), the kits it may order, its orders, and one order from submission to
// receipt with its shares, shipments and documents. Anyone who is not a member of the ordering
// structure is told the order does not exist.
import { listCatalogue } from "~/catalogue/catalogue.server";
import { orderingState, type OrderingState } from "~/eligibility/period";
import { structureEligibility, type StructureEligibility } from "~/eligibility/rules.server";
import { findAllocation } from "~/envelope/campaigns.server";
import { db, type Sql } from "~/infra/db.server";
import { NotFound } from "~/infra/domain-errors";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { listStructuresOfMember, StructureNotFound, type Structure } from "~/structures/structures.server";
import { kitTitle } from "~/catalogue/kits.server";
import type { IssuedPdf } from "~/http/file-response.server";
import { cancellable, type FulfilmentStatus } from "./fulfilment-lifecycle";
import { OrderNotFound } from "./orders.server";
import { orderSteps, type OrderStatus } from "./orders-lifecycle";
import { timelineOf, type TimelineEvent } from "./order-timeline";

export type OrderableKit = {
  kitId: number;
  slug: string;
  proposalId: number;
  title: string;
  pitch: string;
  unitPriceCents: number;
  leadTimeDays: number | null;
  photo: { id: number; width: number | null; height: number | null; description: string | null } | null;
};

export type StructureOrderRow = { id: number; submittedAt: Date | null; status: OrderStatus; totalCents: number; totalUnits: number };

export type OrderingSpace = {
  structures: Pick<Structure, "id" | "legalName">[];
  structure: Structure;
  eligibility: StructureEligibility;
  period: OrderingState | null;
  /** What the structure may still order under the current rules' cap (null: no cap of that kind). */
  allowance: { capCents: number | null; capUnits: number | null; usedCents: number; usedUnits: number };
  /** What the département's allocation has left for every structure of the département. */
  envelopeLeftCents: number | null;
  kits: OrderableKit[];
  orders: Paged<StructureOrderRow>;
};

export const STRUCTURE_ORDERS_PAGE_SIZE = 20;

/**
 * The ordering page of one of the person's structures (the first unless told), with a page of its
 * orders: StructureNotFound when they are not a member of the one asked for, or of none.
 */
export async function orderingSpace(
  input: { userId: number; structureId?: number; now: Date; page?: number; pageSize?: number },
  sql: Sql = db,
): Promise<OrderingSpace> {
  const structures = await listStructuresOfMember(input.userId, sql);
  const structure = input.structureId === undefined ? structures[0] : structures.find((s) => s.id === input.structureId);
  if (!structure) throw new StructureNotFound();
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? STRUCTURE_ORDERS_PAGE_SIZE;
  // Independent reads run together: the eligibility, then what it tells to read, with the page of orders.
  const [eligibility, [{ total }], orders] = await Promise.all([
    structureEligibility(structure.id, undefined, sql),
    sql<{ total: number }[]>`select count(*)::int as total from orders where structure_id = ${structure.id}`,
    sql<StructureOrderRow[]>`
      select id, submitted_at, status, total_cents, total_units from orders where structure_id = ${structure.id}
      order by id desc limit ${pageSize} offset ${offsetOf(page, pageSize)}`,
  ]);
  const campaign = eligibility.campaign;
  const [[usage], allocation, catalogue] = campaign
    ? await Promise.all([
        sql<{ usedCents: number; usedUnits: number }[]>`
          select used_cents, used_units from structure_campaign_usage where structure_id = ${structure.id} and campaign_id = ${campaign.id}`,
        findAllocation(campaign.id, structure.departementCode, sql).catch(notFoundAsNull),
        listCatalogue({}, sql),
      ])
    : [[], null, { kits: [] }];
  const ids = await sql<{ id: number; slug: string }[]>`
    select id, slug from catalogue_kits where slug = any(${catalogue.kits.map((kit) => kit.slug)}::text[])`;
  const idOf = new Map(ids.map((row) => [row.slug, row.id]));
  return {
    structures: structures.map(({ id, legalName }) => ({ id, legalName })),
    structure,
    eligibility,
    period: campaign ? orderingState(campaign, input.now) : null,
    allowance: {
      capCents: eligibility.rules?.capCents ?? null,
      capUnits: eligibility.rules?.capUnits ?? null,
      usedCents: usage?.usedCents ?? 0,
      usedUnits: usage?.usedUnits ?? 0,
    },
    envelopeLeftCents: allocation ? allocation.capCents - allocation.reservedCents - allocation.committedCents - allocation.spentCents : null,
    kits: catalogue.kits.map((kit) => ({
      kitId: idOf.get(kit.slug)!,
      slug: kit.slug,
      proposalId: kit.proposalId,
      title: kit.title,
      pitch: kit.pitch,
      unitPriceCents: kit.unitPriceCents,
      leadTimeDays: kit.leadTimeDays,
      photo: kit.photos[0] ?? null,
    })),
    orders: paged(orders, total, page, pageSize),
  };
}

function notFoundAsNull(error: unknown): null {
  if (error instanceof NotFound) return null;
  throw error;
}

export type ShipmentView = {
  id: number;
  carrier: string;
  trackingNumber: string | null;
  shippedAt: Date;
  lines: { kitId: number; title: string; quantity: number }[];
  receipt: {
    receivedOn: string;
    signatoryName: string;
    signatoryRole: string;
    reservations: string | null;
    lines: { kitId: number; receivedUnits: number }[];
  } | null;
};

export type ShareView = { id: number; makerName: string; status: FulfilmentStatus; routedAt: Date; statusAt: Date; shipments: ShipmentView[] };

export type StructureOrderView = {
  order: StructureOrderRow & { structureId: number; structureName: string; rejectionReason: string | null; campaignName: string };
  lines: { kitId: number; title: string; quantity: number; unitPriceCents: number }[];
  shares: ShareView[];
  /** The documents the structure may open: delivery notes and certificates, not the purchase orders sent to makers. */
  documents: { id: number; kind: "delivery_note" | "service_certificate"; shipmentId: number; issuedAt: Date }[];
  timeline: TimelineEvent[];
  cancellable: boolean;
};

const memberOfOrderingStructure = (sql: Sql, userId: number) => sql`exists (
  select 1 from memberships m where m.user_id = ${userId} and m.role = 'structure' and m.scope = 'structure:' || o.structure_id)`;

/** One of the structure's orders, as its members follow it. */
export async function structureOrder(input: { orderId: number; userId: number }, sql: Sql = db): Promise<StructureOrderView> {
  if (!Number.isSafeInteger(input.orderId) || input.orderId <= 0) throw new OrderNotFound();
  const [order]: [StructureOrderView["order"]?] = await sql`
    select o.id, o.submitted_at, o.status, o.total_cents, o.total_units, o.structure_id, s.legal_name as structure_name, o.rejection_reason,
           c.name as campaign_name
    from orders o join structures s on s.id = o.structure_id join distribution_campaigns c on c.id = o.campaign_id
    where o.id = ${input.orderId} and ${memberOfOrderingStructure(sql, input.userId)}`;
  if (!order) throw new OrderNotFound();
  const [lines, shares, shipments, documents, audit] = await Promise.all([
    sql<StructureOrderView["lines"]>`
      select ol.kit_id, ${kitTitle(sql)} as title, ol.quantity, ol.unit_price_cents
      from order_lines ol join catalogue_kits k on k.id = ol.kit_id where ol.order_id = ${order.id} order by ol.kit_id`,
    sql<Omit<ShareView, "shipments">[]>`
      select f.id, m.name as maker_name, f.status, f.routed_at, f.status_at
      from fulfilments f join makers m on m.id = f.maker_id where f.order_id = ${order.id} order by f.id`,
    sql<(ShipmentView & { fulfilmentId: number })[]>`
      select s.id, s.fulfilment_id, s.carrier, s.tracking_number, s.shipped_at,
             (select json_agg(json_build_object('kitId', sl.kit_id, 'title', ${kitTitle(sql)}, 'quantity', sl.quantity) order by sl.kit_id)
              from shipment_lines sl join catalogue_kits k on k.id = sl.kit_id where sl.shipment_id = s.id) as lines,
             (select json_build_object('receivedOn', r.received_on::text, 'signatoryName', r.signatory_name, 'signatoryRole', r.signatory_role,
                                       'reservations', r.reservations,
                                       'lines', (select json_agg(json_build_object('kitId', rl.kit_id, 'receivedUnits', rl.received_units) order by rl.kit_id)
                                                 from shipment_receipt_lines rl where rl.shipment_id = r.shipment_id))
              from shipment_receipts r where r.shipment_id = s.id) as receipt
      from shipments s join fulfilments f on f.id = s.fulfilment_id where f.order_id = ${order.id} order by s.id`,
    sql<StructureOrderView["documents"]>`
      select id, kind, shipment_id, issued_at from order_documents
      where order_id = ${order.id} and kind in ('delivery_note', 'service_certificate') order by id`,
    sql<{ action: string; at: Date; data: Record<string, unknown> }[]>`
      select action, at, data from audit_log where subject = ${`order:${order.id}`} order by id`,
  ]);
  const shareViews = shares.map((share) => ({
    ...share,
    shipments: shipments
      .filter((shipment) => shipment.fulfilmentId === share.id)
      .map(({ fulfilmentId: _, ...shipment }) => ({ ...shipment, shippedAt: new Date(shipment.shippedAt) })),
  }));
  return {
    order,
    lines,
    shares: shareViews,
    documents,
    timeline: timelineOf({ audit, shares: shareViews }),
    cancellable: (orderSteps.cancel.from as readonly OrderStatus[]).includes(order.status) && cancellable(shares.map((share) => share.status)),
  };
}

export const OrderDocumentNotFound = () => new NotFound("Document introuvable.");

/** A delivery note or certificate of one of the structure's orders, as issued. */
export async function openStructureOrderDocument(input: { orderId: number; documentId: number; userId: number }, sql: Sql = db): Promise<IssuedPdf> {
  const [document]: [{ kind: string; shipmentId: number; content: Buffer; sha256: string }?] = await sql`
    select d.kind, d.shipment_id, d.content, d.sha256
    from order_documents d join orders o on o.id = d.order_id
    where d.id = ${input.documentId} and d.order_id = ${input.orderId} and d.kind in ('delivery_note', 'service_certificate')
      and ${memberOfOrderingStructure(sql, input.userId)}`;
  if (!document) throw OrderDocumentNotFound();
  const name = document.kind === "delivery_note" ? "bon-de-livraison" : "attestation-de-service-fait";
  return { content: document.content, sha256: document.sha256, filename: `${name}-commande-${input.orderId}-livraison-${document.shipmentId}.pdf` };
}
