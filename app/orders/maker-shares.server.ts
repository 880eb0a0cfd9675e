// What a maker's members read of the shares of orders routed to their makers: the list, one share
// with its order, lines, shipments and documents, a document's bytes, and the units routed each
// month against the capacity. Anyone who is not a member of the share's maker is told it does not exist.
import { db, type Sql } from "~/infra/db.server";
import { offsetOf, paged, type Paged } from "~/infra/paging";
import { notFoundOf } from "~/infra/domain-errors";
import { parisMonth } from "~/infra/paris-time";
import { kitTitle } from "~/catalogue/kits.server";
import type { IssuedPdf } from "~/http/file-response.server";
import type { Carrier } from "~/shipping/carriers";
import type { FulfilmentStatus } from "./fulfilment-lifecycle";
import { shareGroups, shareGroupStatuses, type ShareGroup } from "./maker-schemas";
import { isRecordId, ShareNotFound } from "./maker-steps.server";

export const MakerDocumentNotFound = notFoundOf("MakerDocumentNotFound", "Document introuvable.");

/** Whether the user is a member of the maker of fulfilment `f`. */
function isMemberOfShare(sql: Sql, userId: number) {
  // The ids read out of the scopes, not 'maker:' || f.maker_id: a maker's shares are then found by its index, not scanned.
  return sql`f.maker_id in (
    select split_part(ms.scope, ':', 2)::bigint from memberships ms where ms.user_id = ${userId} and ms.role = 'maker' and ms.scope like 'maker:%')`;
}

export type MakerShareRow = {
  id: number;
  orderId: number;
  maker: string;
  status: FulfilmentStatus;
  structure: string;
  commune: string;
  departementCode: string;
  departement: string;
  units: number;
  shippedUnits: number;
  routedAt: Date;
};

export const MAKER_SHARES_PAGE_SIZE = 50;

/**
 * The shares routed to the user's makers in the given groups, a page at a time: group after group
 * in the order given, the most recently routed first within a group; with how many each group holds.
 */
export async function makerSharesPage(
  input: { userId: number; groups: readonly ShareGroup[]; page: number; pageSize?: number },
  sql: Sql = db,
): Promise<{ shares: Paged<MakerShareRow>; counts: Record<ShareGroup, number> }> {
  const pageSize = input.pageSize ?? MAKER_SHARES_PAGE_SIZE;
  const statuses = input.groups.flatMap((group) => shareGroupStatuses[group]);
  const groupRanks = input.groups.flatMap((group, rank) => shareGroupStatuses[group].map(() => rank));
  const [byStatus, shares] = await Promise.all([
    sql<{ status: FulfilmentStatus; count: number }[]>`
      select f.status, count(*)::int as count from fulfilments f
      where ${isMemberOfShare(sql, input.userId)} and f.status = any(${statuses}::text[]) group by f.status`,
    sql<MakerShareRow[]>`
      select f.id, f.order_id, m.name as maker, f.status, s.legal_name as structure, c.name as commune, d.code as departement_code,
             d.name as departement, sum(fl.quantity)::int as units, sum(fl.shipped_units)::int as shipped_units, f.routed_at
      from fulfilments f join makers m on m.id = f.maker_id join orders o on o.id = f.order_id
      join structures s on s.id = o.structure_id join communes c on c.insee_code = s.commune_code join departements d on d.code = c.departement_code
      join fulfilment_lines fl on fl.fulfilment_id = f.id
      where ${isMemberOfShare(sql, input.userId)} and f.status = any(${statuses}::text[])
      group by f.id, m.name, s.legal_name, c.name, d.code, d.name
      order by (${groupRanks}::int[])[array_position(${statuses}::text[], f.status)], f.routed_at desc, f.id desc
      limit ${pageSize} offset ${offsetOf(input.page, pageSize)}`,
  ]);
  const counts = Object.fromEntries(shareGroups.map((group) => [group, 0])) as Record<ShareGroup, number>;
  for (const row of byStatus) {
    const group = input.groups.find((g) => shareGroupStatuses[g].includes(row.status));
    if (group) counts[group] += row.count;
  }
  const total = byStatus.reduce((sum, row) => sum + row.count, 0);
  return { shares: paged(shares, total, input.page, pageSize), counts };
}

export type ShareLine = { kitId: number; title: string; quantity: number; shippedUnits: number; unitPriceCents: number };
export type ShareDocument = { id: number; kind: "purchase_order" | "delivery_note" | "service_certificate"; issuedAt: Date };
export type ShareShipment = {
  id: number;
  carrier: Carrier;
  trackingNumber: string | null;
  shippedAt: Date;
  received: boolean;
  lines: { title: string; quantity: number }[];
  documents: ShareDocument[];
};

export type MakerShare = {
  id: number;
  orderId: number;
  maker: string;
  status: FulfilmentStatus;
  refusalReason: string | null;
  routedAt: Date;
  submittedAt: Date;
  structure: { name: string; address: string; postalCode: string; commune: string; contactName: string; contactPhone: string };
  lines: ShareLine[];
  purchaseOrder: ShareDocument | null;
  shipments: ShareShipment[];
};

/** One share with what the maker needs to build and ship it; ShareNotFound unless the user is a member of its maker. */
export async function findMakerShare(input: { fulfilmentId: number; userId: number }, sql: Sql = db): Promise<MakerShare> {
  if (!isRecordId(input.fulfilmentId)) throw new ShareNotFound();
  const [share]: [MakerShare?] = await sql`
    select f.id, f.order_id, m.name as maker, f.status, f.refusal_reason, f.routed_at, o.submitted_at,
           json_build_object('name', s.legal_name, 'address', s.address, 'postalCode', s.postal_code, 'commune', c.name,
                             'contactName', s.contact_name, 'contactPhone', s.contact_phone) as structure,
           (select json_agg(json_build_object('kitId', k.id, 'title', ${kitTitle(sql)}, 'quantity', fl.quantity,
                                              'shippedUnits', fl.shipped_units, 'unitPriceCents', ol.unit_price_cents) order by k.id)
            from fulfilment_lines fl join order_lines ol on ol.order_id = fl.order_id and ol.kit_id = fl.kit_id
            join catalogue_kits k on k.id = fl.kit_id where fl.fulfilment_id = f.id) as lines,
           (select json_build_object('id', d.id, 'kind', d.kind, 'issuedAt', d.issued_at) from order_documents d
            where d.kind = 'purchase_order' and d.fulfilment_id = f.id) as purchase_order,
           coalesce((
             select json_agg(json_build_object(
                      'id', sh.id, 'carrier', sh.carrier, 'trackingNumber', sh.tracking_number, 'shippedAt', sh.shipped_at, 'received', sh.received,
                      'lines', (select json_agg(json_build_object('title', ${kitTitle(sql)}, 'quantity', sl.quantity) order by k.id)
                                from shipment_lines sl join catalogue_kits k on k.id = sl.kit_id where sl.shipment_id = sh.id),
                      'documents', coalesce((select json_agg(json_build_object('id', d.id, 'kind', d.kind, 'issuedAt', d.issued_at) order by d.id)
                                             from order_documents d where d.shipment_id = sh.id), '[]'))
                    order by sh.id)
             from shipments sh where sh.fulfilment_id = f.id), '[]') as shipments
    from fulfilments f join makers m on m.id = f.maker_id join orders o on o.id = f.order_id
    join structures s on s.id = o.structure_id join communes c on c.insee_code = s.commune_code
    where f.id = ${input.fulfilmentId} and ${isMemberOfShare(sql, input.userId)}`;
  if (!share) throw new ShareNotFound();
  // Dates inside JSON arrive as text.
  const date = (value: Date | string) => new Date(value);
  return {
    ...share,
    purchaseOrder: share.purchaseOrder && { ...share.purchaseOrder, issuedAt: date(share.purchaseOrder.issuedAt) },
    shipments: share.shipments.map((shipment) => ({
      ...shipment,
      shippedAt: date(shipment.shippedAt),
      documents: shipment.documents.map((document) => ({ ...document, issuedAt: date(document.issuedAt) })),
    })),
  };
}

const documentNames = { purchase_order: "bon-de-commande", delivery_note: "bon-de-livraison", service_certificate: "attestation-de-service-fait" };

/** A PDF of the share as issued: its purchase order, or a delivery note or certificate of one of its shipments. */
export async function openMakerDocument(input: { fulfilmentId: number; documentId: number; userId: number }, sql: Sql = db): Promise<IssuedPdf> {
  if (!isRecordId(input.fulfilmentId) || !isRecordId(input.documentId)) throw new MakerDocumentNotFound();
  const [document]: [{ content: Buffer; sha256: string; kind: keyof typeof documentNames; orderId: number }?] = await sql`
    select d.content, d.sha256, d.kind, d.order_id from order_documents d join fulfilments f on f.id = ${input.fulfilmentId}
    where d.id = ${input.documentId} and ${isMemberOfShare(sql, input.userId)}
      and (d.fulfilment_id = f.id or d.shipment_id in (select id from shipments where fulfilment_id = f.id))`;
  if (!document) throw new MakerDocumentNotFound();
  return {
    content: document.content,
    sha256: document.sha256,
    filename: `${documentNames[document.kind]}-${document.orderId}-${input.documentId}.pdf`,
  };
}

export type MonthLoad = { month: string; capacity: number; routedUnits: number };
export type KitLoad = { makerId: number; maker: string; kitId: number; title: string; paused: boolean; months: MonthLoad[] };

/** The first day of the month after `month` ("YYYY-MM-01"). */
export function followingMonth(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, "0")}-01`;
}

/**
 * For each kit the user's makers build, the units routed this month and next (Europe/Paris)
 * against the month's capacity: the one copied when routing first counted against it, or the
 * declared capacity for a month nothing was routed to yet.
 */
export async function monthlyLoads(input: { userId: number; now: Date }, sql: Sql = db): Promise<KitLoad[]> {
  const thisMonth = parisMonth(input.now);
  const months = [thisMonth, followingMonth(thisMonth)];
  return sql<KitLoad[]>`
    select m.id as maker_id, m.name as maker, k.id as kit_id, ${kitTitle(sql)} as title, cap.paused,
           json_agg(json_build_object('month', to_char(months.first_day, 'YYYY-MM-DD'), 'capacity', coalesce(l.capacity, cap.units_per_month),
                                      'routedUnits', coalesce(l.routed_units, 0)) order by months.first_day) as months
    from makers m join maker_capacity cap on cap.maker_id = m.id join catalogue_kits k on k.id = cap.kit_id
    cross join unnest(${months}::date[]) as months (first_day)
    left join maker_monthly_load l on l.maker_id = m.id and l.kit_id = k.id and l.month = months.first_day
    where exists (select 1 from memberships ms where ms.user_id = ${input.userId} and ms.role = 'maker' and ms.scope = 'maker:' || m.id)
    group by m.id, k.id, cap.paused
    order by m.id, k.id`;
}
