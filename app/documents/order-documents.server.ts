// The PDFs of the order chain, kept as issued (decision 028): a purchase order for each share
// routed to a maker, a delivery note for each shipment, a certificate of service for each receipt.
// What each says is read here, in the issuing step's transaction; how it looks is in
// order-document-layouts.server.ts.
import { createHash } from "node:crypto";
import type { Sql } from "~/infra/db.server";
import type { Carrier } from "~/shipping/carriers";
import {
  type DeliveryNote,
  type DocumentMaker,
  type DocumentOrder,
  type DocumentStructure,
  type PurchaseOrder,
  renderDeliveryNote,
  renderPurchaseOrder,
  renderServiceCertificate,
  type ServiceCertificate,
} from "./order-document-layouts.server";

export type OrderDocumentSubject =
  | { kind: "purchase_order"; fulfilmentId: number }
  | { kind: "delivery_note"; shipmentId: number }
  | { kind: "service_certificate"; shipmentId: number };

export type IssuedDocument = { id: number; sha256: string };

/**
 * Renders the subject's document, stores its bytes and SHA-256, and returns them, in the caller's
 * transaction (the step that issues it records the SHA-256 in its audit entry).
 */
export async function issueOrderDocument(subject: OrderDocumentSubject, now: Date, tx: Sql): Promise<IssuedDocument> {
  const [target]: [{ orderId: number; fulfilmentId: number | null; shipmentId: number | null }] =
    subject.kind === "purchase_order"
      ? await tx`select order_id, id as fulfilment_id, null::bigint as shipment_id from fulfilments where id = ${subject.fulfilmentId}`
      : await tx`
          select f.order_id, f.id as fulfilment_id, s.id as shipment_id
          from shipments s join fulfilments f on f.id = s.fulfilment_id where s.id = ${subject.shipmentId}`;
  const content = await render(subject, now, tx);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const [{ id }]: [{ id: number }] = await tx`
    insert into order_documents (kind, order_id, fulfilment_id, shipment_id, sha256, content, issued_at)
    values (${subject.kind}, ${target.orderId}, ${subject.kind === "purchase_order" ? target.fulfilmentId : null}, ${target.shipmentId},
            ${sha256}, ${content}, ${now})
    returning id`;
  return { id, sha256 };
}

async function render(subject: OrderDocumentSubject, now: Date, tx: Sql): Promise<Buffer> {
  switch (subject.kind) {
    case "purchase_order":
      return renderPurchaseOrder(await purchaseOrder(subject.fulfilmentId, now, tx));
    case "delivery_note":
      return renderDeliveryNote(await deliveryNote(subject.shipmentId, now, tx));
    case "service_certificate":
      return renderServiceCertificate(await serviceCertificate(subject.shipmentId, now, tx));
  }
}

/** A kit's title as the catalogue shows it: the one of the version the jury judged. */
function kitTitle(sql: Sql) {
  return sql`(select coalesce(nullif(v.content -> 'fields' ->> 'title', ''), p.title, '(sans titre)')
              from catalogue_kits k join proposals p on p.id = k.proposal_id
              join proposal_versions v on v.proposal_id = p.id and v.version = k.version
              where k.id = fl.kit_id)`;
}

type ChainRow = DocumentOrder & {
  structureName: string;
  structureSiret: string;
  structureAddress: string;
  structurePostalCode: string;
  structureCommune: string;
  structureContactName: string;
  structureContactPhone: string;
  makerName: string;
  makerSiret: string;
  makerCommune: string;
  makerDepartementCode: string;
  makerContactName: string;
  makerContactPhone: string;
};

/** The order, the structure and the maker of a share. */
async function chainOf(fulfilmentId: number, tx: Sql): Promise<{ order: DocumentOrder; maker: DocumentMaker; structure: DocumentStructure }> {
  const [row]: [ChainRow?] = await tx`
    select o.id as order_id, f.id as fulfilment_id, o.campaign_id, c.name as campaign_name, o.departement_code, o.decided_at as approved_at,
           s.legal_name as structure_name, s.siret as structure_siret, s.address as structure_address, s.postal_code as structure_postal_code,
           sc.name as structure_commune, s.contact_name as structure_contact_name, s.contact_phone as structure_contact_phone,
           m.name as maker_name, m.siret as maker_siret, mc.name as maker_commune, mc.departement_code as maker_departement_code,
           m.contact_name as maker_contact_name, m.contact_phone as maker_contact_phone
    from fulfilments f
    join orders o on o.id = f.order_id
    join distribution_campaigns c on c.id = o.campaign_id
    join structures s on s.id = o.structure_id
    join communes sc on sc.insee_code = s.commune_code
    join makers m on m.id = f.maker_id
    join communes mc on mc.insee_code = m.commune_code
    where f.id = ${fulfilmentId}`;
  if (!row) throw new Error(`No fulfilment ${fulfilmentId} to issue a document for.`);
  return {
    order: {
      orderId: row.orderId,
      fulfilmentId: row.fulfilmentId,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      departementCode: row.departementCode,
      approvedAt: row.approvedAt,
    },
    structure: {
      legalName: row.structureName,
      siret: row.structureSiret,
      address: row.structureAddress,
      postalCode: row.structurePostalCode,
      commune: row.structureCommune,
      contactName: row.structureContactName,
      contactPhone: row.structureContactPhone,
    },
    maker: {
      name: row.makerName,
      siret: row.makerSiret,
      commune: row.makerCommune,
      departementCode: row.makerDepartementCode,
      contactName: row.makerContactName,
      contactPhone: row.makerContactPhone,
    },
  };
}

async function purchaseOrder(fulfilmentId: number, now: Date, tx: Sql): Promise<PurchaseOrder> {
  const lines = await tx<PurchaseOrder["lines"]>`
    select ${kitTitle(tx)} as kit_title, fl.quantity, ol.unit_price_cents
    from fulfilment_lines fl join order_lines ol on ol.order_id = fl.order_id and ol.kit_id = fl.kit_id
    where fl.fulfilment_id = ${fulfilmentId}
    order by fl.kit_id`;
  return { issuedAt: now, ...(await chainOf(fulfilmentId, tx)), lines };
}

type ShipmentRow = { shipmentId: number; fulfilmentId: number; shippedAt: Date; carrier: Carrier; trackingNumber: string | null };

async function shipmentOf(shipmentId: number, tx: Sql): Promise<ShipmentRow> {
  const [shipment]: [ShipmentRow?] = await tx`
    select id as shipment_id, fulfilment_id, shipped_at, carrier, tracking_number from shipments where id = ${shipmentId}`;
  if (!shipment) throw new Error(`No shipment ${shipmentId} to issue a document for.`);
  return shipment;
}

async function deliveryNote(shipmentId: number, now: Date, tx: Sql): Promise<DeliveryNote> {
  const { fulfilmentId, ...shipment } = await shipmentOf(shipmentId, tx);
  const lines = await tx<DeliveryNote["lines"]>`
    select ${kitTitle(tx)} as kit_title, fl.quantity as ordered_quantity, sl.quantity as shipped_quantity
    from shipment_lines sl join fulfilment_lines fl on fl.fulfilment_id = sl.fulfilment_id and fl.kit_id = sl.kit_id
    where sl.shipment_id = ${shipmentId}
    order by sl.kit_id`;
  return { issuedAt: now, ...shipment, ...(await chainOf(fulfilmentId, tx)), lines };
}

async function serviceCertificate(shipmentId: number, now: Date, tx: Sql): Promise<ServiceCertificate> {
  const { fulfilmentId, ...shipment } = await shipmentOf(shipmentId, tx);
  // received_on is a calendar date: as text, so that no time zone moves it.
  const [receipt]: [ServiceCertificate["receipt"]?] = await tx`
    select received_on::text, signatory_name, signatory_role, reservations, confirmed_at
    from shipment_receipts where shipment_id = ${shipmentId}`;
  if (!receipt) throw new Error(`Shipment ${shipmentId} has no receipt to certify.`);
  // A kit the receipt does not list was not received.
  const lines = await tx<ServiceCertificate["lines"]>`
    select ${kitTitle(tx)} as kit_title, sl.quantity as shipped_quantity, coalesce(rl.received_units, 0) as received_quantity, ol.unit_price_cents
    from shipment_lines sl
    join fulfilment_lines fl on fl.fulfilment_id = sl.fulfilment_id and fl.kit_id = sl.kit_id
    join order_lines ol on ol.order_id = fl.order_id and ol.kit_id = fl.kit_id
    left join shipment_receipt_lines rl on rl.shipment_id = sl.shipment_id and rl.kit_id = sl.kit_id
    where sl.shipment_id = ${shipmentId}
    order by sl.kit_id`;
  return { issuedAt: now, ...shipment, ...(await chainOf(fulfilmentId, tx)), receipt, lines };
}
