// The PDFs of the order chain, kept as issued (decision 028): a purchase order for each share
// routed to a maker, a delivery note for each shipment, a certificate of service for each receipt.
import { createHash } from "node:crypto";
import PDFDocument from "pdfkit";
import type { Sql } from "~/infra/db.server";

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
  const content = await render(subject, now);
  const sha256 = createHash("sha256").update(content).digest("hex");
  const [{ id }]: [{ id: number }] = await tx`
    insert into order_documents (kind, order_id, fulfilment_id, shipment_id, sha256, content, issued_at)
    values (${subject.kind}, ${target.orderId}, ${subject.kind === "purchase_order" ? target.fulfilmentId : null}, ${target.shipmentId},
            ${sha256}, ${content}, ${now})
    returning id`;
  return { id, sha256 };
}

// A first page with the document's title only: the layouts of the three documents replace it.
function render(subject: OrderDocumentSubject, now: Date): Promise<Buffer> {
  const titles = { purchase_order: "Bon de commande", delivery_note: "Bon de livraison", service_certificate: "Attestation de service fait" };
  const pdf = new PDFDocument({ lang: "fr-FR", info: { Title: titles[subject.kind], CreationDate: now } });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on("end", () => resolve(Buffer.concat(chunks))));
  pdf.text(titles[subject.kind]);
  pdf.end();
  return done;
}
