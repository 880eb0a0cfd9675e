// The order documents issued on PostgreSQL: each read from the rows of the chain in the caller's
// transaction, stored with the SHA-256 of its bytes, and saying what the rows say.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { engagementReference } from "~/documents/order-document-layouts.server";
import { issueOrderDocument, type OrderDocumentSubject } from "~/documents/order-documents.server";
import { db } from "~/infra/db.server";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { approvedOrder, makerFor, shareOf, type ApprovedOrder, type TestMaker } from "../../support/fulfilment-world";
import { ordersWorld, type OrdersWorld } from "../../support/orders-world";
import { expectSays, normalised, pdfText } from "../../support/pdf-text";

let world: OrdersWorld;
let maker: TestMaker;
let order: ApprovedOrder;
let share: { fulfilmentId: number; shipmentId: number | null };
let names: { maker: string; makerSiret: string; structure: string; structureSiret: string; address: string; coffret: string; jeu: string };

const issuedAt = new Date("2026-04-06T08:30:00Z");
const euros = (cents: number) => normalised(formatEuros(cents));

beforeAll(async () => {
  world = await ordersWorld(db);
  maker = await makerFor(db, world, { kitIds: [world.coffret.kitId, world.jeu.kitId], departements: ["35"] });
  order = await approvedOrder(db, world, [
    { kitId: world.coffret.kitId, quantity: 2 },
    { kitId: world.jeu.kitId, quantity: 3 },
  ]);
  share = await shareOf(db, order, maker, "shipped", world.now);
  const [row]: [typeof names] = await db`
    select m.name as maker, m.siret as maker_siret, s.legal_name as structure, s.siret as structure_siret, s.address,
           (select p.title from catalogue_kits k join proposals p on p.id = k.proposal_id where k.id = ${world.coffret.kitId}) as coffret,
           (select p.title from catalogue_kits k join proposals p on p.id = k.proposal_id where k.id = ${world.jeu.kitId}) as jeu
    from makers m, structures s where m.id = ${maker.makerId} and s.id = ${order.structureId}`;
  names = row;
});

/** Issues the document in a transaction, as the step that issues it would, and reads back the stored row. */
async function issue(subject: OrderDocumentSubject) {
  const issued = await db.begin((tx) => issueOrderDocument(subject, issuedAt, tx));
  const [stored]: [
    { kind: string; orderId: number; fulfilmentId: number | null; shipmentId: number | null; sha256: string; content: Buffer; issuedAt: Date },
  ] = await db`select kind, order_id, fulfilment_id, shipment_id, sha256, content, issued_at from order_documents where id = ${issued.id}`;
  expect(stored.sha256).toBe(issued.sha256);
  expect(createHash("sha256").update(stored.content).digest("hex")).toBe(stored.sha256);
  expect(stored.issuedAt).toEqual(issuedAt);
  return { stored, text: (await pdfText(stored.content)).text };
}

describe("issued order documents", () => {
  test("the purchase order names the maker, the structure, the lines at the order's prices, the campaign and the engagement", async () => {
    const { stored, text } = await issue({ kind: "purchase_order", fulfilmentId: share.fulfilmentId });
    expect(stored).toMatchObject({ kind: "purchase_order", orderId: order.orderId, fulfilmentId: share.fulfilmentId, shipmentId: null });
    expectSays(text, [
      `Bon de commande n° ${order.orderId}-${share.fulfilmentId}`,
      `${names.maker} SIRET ${names.makerSiret} Rennes (35)`,
      `${names.structure} SIRET ${names.structureSiret} ${names.address}`,
      `${names.coffret} 2 ${euros(19_900)} ${euros(39_800)}`,
      `${names.jeu} 3 ${euros(6_450)} ${euros(19_350)}`,
      `Total du bon de commande 5 ${euros(59_150)}`,
      `Commande n° ${order.orderId}, approuvée le ${formatDate(world.now)}`,
      `Campagne ${world.campaign.name}`,
      engagementReference({ campaignId: world.campaign.id, departementCode: "35", orderId: order.orderId }),
    ]);
  });

  test("the delivery note names the shipment's carrier, tracking number and kits", async () => {
    const { stored, text } = await issue({ kind: "delivery_note", shipmentId: share.shipmentId! });
    expect(stored).toMatchObject({ kind: "delivery_note", orderId: order.orderId, fulfilmentId: null, shipmentId: share.shipmentId });
    expectSays(text, [
      `expédition n° ${share.shipmentId} du ${formatDate(world.now)}`,
      "Transporteur Colissimo",
      "Numéro de suivi 6A12345678901",
      `${names.coffret} 2 2`,
      `${names.jeu} 3 3`,
      `Commande n° ${order.orderId} (bon de commande n° ${order.orderId}-${share.fulfilmentId})`,
      "Signature et cachet de la structure",
    ]);
  });

  test("the certificate of service says what the receipt says: signatory, quantities received, reservations, value certified", async () => {
    // The receipt as the structure's confirmation writes it: one of the three games missing.
    await db`
      insert into shipment_receipts (shipment_id, received_on, signatory_name, signatory_role, reservations, confirmed_by, confirmed_at, spent_cents)
      values (${share.shipmentId}, '2026-04-03', 'Claire Dubois', 'Directrice de la médiathèque', 'Un jeu manque dans le colis.',
              ${order.memberId}, ${new Date("2026-04-03T14:05:00Z")}, ${2 * 19_900 + 2 * 6_450})`;
    await db`
      insert into shipment_receipt_lines (shipment_id, kit_id, received_units)
      values (${share.shipmentId}, ${world.coffret.kitId}, 2), (${share.shipmentId}, ${world.jeu.kitId}, 2)`;
    const { stored, text } = await issue({ kind: "service_certificate", shipmentId: share.shipmentId! });
    expect(stored).toMatchObject({ kind: "service_certificate", orderId: order.orderId, fulfilmentId: null, shipmentId: share.shipmentId });
    expectSays(text, [
      `La structure ${names.structure} (SIRET ${names.structureSiret}) atteste avoir reçu le 3 avril 2026, par Claire Dubois, Directrice de la médiathèque`,
      `${names.coffret} 2 2 ${euros(19_900)} ${euros(39_800)}`,
      `${names.jeu} 3 2 ${euros(6_450)} ${euros(12_900)}`,
      `Valeur certifiée 5 4 ${euros(52_700)}`,
      "Réserves Un jeu manque dans le colis.",
      "Cette attestation déclenche le paiement",
      "Réception confirmée en ligne le 3 avril 2026 à 16:05",
    ]);
  });
});
