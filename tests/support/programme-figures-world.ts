// A small programme whose public figures are worked out by hand: two départements, structures of
// two kinds, orders in every state that matters to the figures — delivered (in full, in part),
// shipped but not yet received, waiting, rejected, cancelled — through the domain's own steps.
//
// Prices: coffret 199,00 €, jeu 64,50 € (ordersWorld).
//   Ille-et-Vilaine (35), by the Rennes fablab:
//     Rennes library       2 coffrets + 3 jeux, delivered, all received   5 kits, 591,50 € spent
//     Saint-Malo library   4 jeux, delivered, 3 received (one missing)    3 kits, 193,50 € spent
//     Rennes library       1 coffret, shipped, not received               199,00 € committed
//     Rennes library       1 jeu, waiting for the instructor              64,50 € reserved
//     Rennes library       2 coffrets, rejected; Rennes library 1 jeu, cancelled: nothing
//   Cantal (15), by the Aurillac third-place:
//     Aurillac France Services   1 coffret, delivered                     1 kit, 199,00 € spent
import type { Sql } from "~/infra/db.server";
import { toParisLocal } from "~/infra/paris-time";
import { approveOrder, cancelOrder, rejectOrder, submitOrder } from "~/orders/orders.server";
import { confirmReceipt } from "~/orders/receipts.server";
import { createPerson, createStructure } from "./fixtures";
import { makerFor, shareOf, type ApprovedOrder, type TestMaker } from "./fulfilment-world";
import { newKey, ordersWorld, type OrdersWorld } from "./orders-world";

export const RENNES = "35238";
export const SAINT_MALO = "35288";
export const AURILLAC = "15014";

/** What no public page may show: the seeded people's names, and a signatory's. */
export const SIGNATORY = "Hortense Signataire";

export type ProgrammeWorld = { world: OrdersWorld; rennesFablab: TestMaker; aurillacMaker: TestMaker };

export async function programmeWorld(sql: Sql): Promise<ProgrammeWorld> {
  const world = await ordersWorld(sql);
  const { coffret, jeu } = world;
  const rennesFablab = await makerFor(sql, world, { kitIds: [coffret.kitId, jeu.kitId], departements: ["35"] });
  const aurillacMaker = await makerFor(sql, world, { kitIds: [coffret.kitId, jeu.kitId], departements: ["15"], commune: AURILLAC });

  const order = async (label: string, commune: string, kind: string, lines: { kitId: number; quantity: number }[]) => {
    const member = await createPerson(sql, { name: `Agnès Membre ${label}` });
    const structure = await createStructure(sql, { communeCode: commune, kind, status: "verified", legalName: label, memberId: member.id });
    const submitted = await submitOrder(
      { structureId: structure.id, memberId: member.id, idempotencyKey: newKey(), lines, campaignId: world.campaign.id, now: world.now },
      sql,
    );
    return { orderId: submitted.id, structureId: structure.id, memberId: member.id, departementCode: submitted.departementCode };
  };
  const approved = async (placed: ApprovedOrder) => {
    await approveOrder({ orderId: placed.orderId, actorId: world.adminId, now: world.now }, sql);
    return placed;
  };
  const receive = async (
    placed: ApprovedOrder,
    maker: TestMaker,
    received: { kitId: number; receivedUnits: number }[],
    reservations: string | null = null,
  ) => {
    const { shipmentId } = await shareOf(sql, placed, maker, "shipped");
    await confirmReceipt(
      {
        shipmentId: shipmentId!,
        memberId: placed.memberId,
        receivedOn: toParisLocal(new Date()).slice(0, 10),
        signatoryName: SIGNATORY,
        signatoryRole: "Directrice",
        lines: received,
        reservations,
        now: new Date(),
      },
      sql,
    );
  };

  const rennes = await approved(
    await order("Médiathèque des Champs Libres", RENNES, "library", [
      { kitId: coffret.kitId, quantity: 2 },
      { kitId: jeu.kitId, quantity: 3 },
    ]),
  );
  await receive(rennes, rennesFablab, [
    { kitId: coffret.kitId, receivedUnits: 2 },
    { kitId: jeu.kitId, receivedUnits: 3 },
  ]);
  const saintMalo = await approved(await order("Médiathèque La Grande Passerelle", SAINT_MALO, "library", [{ kitId: jeu.kitId, quantity: 4 }]));
  await receive(saintMalo, rennesFablab, [{ kitId: jeu.kitId, receivedUnits: 3 }], "Un jeu manquait dans le colis.");
  const aurillac = await approved(await order("France Services d'Aurillac", AURILLAC, "france_services", [{ kitId: coffret.kitId, quantity: 1 }]));
  await receive(aurillac, aurillacMaker, [{ kitId: coffret.kitId, receivedUnits: 1 }]);

  const inTransit = await approved(await order("Bibliothèque Triangle", RENNES, "library", [{ kitId: coffret.kitId, quantity: 1 }]));
  await shareOf(sql, inTransit, rennesFablab, "shipped");
  await order("Bibliothèque Lucien Rose", RENNES, "library", [{ kitId: jeu.kitId, quantity: 1 }]);
  const rejected = await order("Bibliothèque Bourg-l'Évêque", RENNES, "library", [{ kitId: coffret.kitId, quantity: 2 }]);
  await rejectOrder({ orderId: rejected.orderId, actorId: world.adminId, now: world.now, reason: "Commande en double." }, sql);
  const cancelled = await order("Bibliothèque Clôteaux", RENNES, "library", [{ kitId: jeu.kitId, quantity: 1 }]);
  await cancelOrder({ orderId: cancelled.orderId, actorId: cancelled.memberId, now: world.now }, sql);

  return { world, rennesFablab, aurillacMaker };
}

/** Every e-mail address, phone number and person's name the database holds: none may reach a public page. */
export async function personalData(sql: Sql): Promise<string[]> {
  const rows = await sql<{ value: string }[]>`
    select email as value from users union select name from users
    union select contact_name from structures union select contact_phone from structures
    union select contact_name from makers union select contact_phone from makers
    union select signatory_name from shipment_receipts`;
  return rows.map((row) => row.value);
}
