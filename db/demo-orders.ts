// The demo's orders, taken through the portal's own steps so that every space shows the chain:
// the Médiathèque de Bréquigny (structure@) has one order delivered and confirmed (its feedback
// answered and published), one shipped in part, one with the Rennes fablab (fabricant2@) to
// accept, one waiting for the instructor of Ille-et-Vilaine (instructeur@), one refused and one
// cancelled; the France Services site of Mende has an approved order no maker can take, which
// the admin's routing page explains.
import type postgres from "postgres";
import { listCatalogueKits } from "../app/makers/makers.server";
import { answerFeedback, askDueFeedback, moderateFeedback } from "../app/feedback/feedback.server";
import { acceptShare, shipShare, startProduction } from "../app/orders/maker-steps.server";
import { approveOrder, cancelOrder, rejectOrder, submitOrder } from "../app/orders/orders.server";
import { toParisLocal } from "../app/infra/paris-time";
import { confirmReceipt } from "../app/orders/receipts.server";
import { routeOrders } from "../app/routing/routing.server";

const DEMO_ROUTING_SEED = 2026;

async function idOf(sql: postgres.Sql, query: postgres.PendingQuery<postgres.Row[]>): Promise<number> {
  const [row] = await query;
  if (!row) throw new Error("démo des commandes : donnée de départ introuvable");
  return Number(row.id);
}

export async function seedDemoOrders(sql: postgres.Sql, input: { campaignId: number; adminId: number; now: Date }) {
  const { campaignId, adminId, now } = input;
  const kits = await listCatalogueKits(sql);
  const coffret = kits.find((kit) => /Mes papiers en ligne/.test(kit.title));
  const jeu = kits.find((kit) => /Vrai ou faux/.test(kit.title));
  if (!coffret || !jeu) return;
  const member = await idOf(sql, sql`select id from users where email = 'structure@demo.kits-inclusion.fr'`);
  const instructor = await idOf(sql, sql`select id from users where email = 'instructeur@demo.kits-inclusion.fr'`);
  const rennesMaker = await idOf(
    sql,
    sql`select user_id as id from memberships m join makers k on m.scope = 'maker:' || k.id where k.name like 'Fablab de Rennes%'`,
  );
  const brequigny = await idOf(sql, sql`select id from structures where legal_name like 'Médiathèque de Bréquigny%'`);
  const mende = await idOf(sql, sql`select id from structures where legal_name like 'France Services de Mende%'`);
  const mendeMember = await idOf(
    sql,
    sql`select m.user_id as id from memberships m where m.role = 'structure' and m.scope = ${`structure:${mende}`}`,
  );

  let key = 0;
  const order = (structureId: number, memberId: number, lines: { kitId: number; quantity: number }[]) =>
    submitOrder({ structureId, memberId, idempotencyKey: `demo-commande-${++key}`, lines, campaignId, now }, sql);

  const delivered = await order(brequigny, member, [
    { kitId: coffret.id, quantity: 1 },
    { kitId: jeu.id, quantity: 1 },
  ]);
  const shippedInPart = await order(brequigny, member, [{ kitId: jeu.id, quantity: 2 }]);
  const toAccept = await order(brequigny, member, [{ kitId: coffret.id, quantity: 1 }]);
  const unroutable = await order(mende, mendeMember, [{ kitId: jeu.id, quantity: 1 }]);
  for (const approved of [delivered, shippedInPart, toAccept]) await approveOrder({ orderId: approved.id, actorId: instructor, now }, sql);
  await approveOrder({ orderId: unroutable.id, actorId: adminId, now }, sql);
  await routeOrders({ campaignId, seed: DEMO_ROUTING_SEED, actorId: adminId, now }, sql);

  const shareOf = (orderId: number) => idOf(sql, sql`select id from fulfilments where order_id = ${orderId} and status = 'routed'`);
  const step = async (orderId: number) => ({ fulfilmentId: await shareOf(orderId), actorId: rennesMaker, now });

  const first = await step(delivered.id);
  await acceptShare(first, sql);
  await startProduction(first, sql);
  const parcel = await shipShare(
    {
      ...first,
      carrier: "colissimo",
      trackingNumber: "6A 123 456 789 01",
      lines: [
        { kitId: coffret.id, quantity: 1 },
        { kitId: jeu.id, quantity: 1 },
      ],
    },
    sql,
  );
  await confirmReceipt(
    {
      shipmentId: parcel.shipmentId,
      memberId: member,
      // The day in Paris, as the form gives it: between midnight in Paris and in UTC the two differ.
      receivedOn: toParisLocal(now).slice(0, 10),
      signatoryName: "Claire Le Goff",
      signatoryRole: "Responsable de la médiathèque",
      lines: [
        { kitId: coffret.id, receivedUnits: 1 },
        { kitId: jeu.id, receivedUnits: 1 },
      ],
      reservations: null,
      now,
    },
    sql,
  );
  // The demo does not wait the six weeks after delivery: its questions are due at once.
  await sql`update kit_feedback set ask_after = ${now} where order_id = ${delivered.id}`;
  await askDueFeedback({ now }, sql);
  const feedbackId = await idOf(sql, sql`select id from kit_feedback where order_id = ${delivered.id} and kit_id = ${jeu.id}`);
  await answerFeedback(
    {
      feedbackId,
      userId: member,
      answer: {
        rating: 5,
        peopleReached: 42,
        themes: [],
        comment: "Le jeu a lancé les ateliers du mardi : les participants repartent en sachant repérer une fausse information.",
      },
      now,
    },
    sql,
  );
  await moderateFeedback({ feedbackId, decision: "published", actorId: adminId, now }, sql);

  const second = await step(shippedInPart.id);
  await acceptShare(second, sql);
  await startProduction(second, sql);
  await shipShare({ ...second, carrier: "chronopost", trackingNumber: "XY123456789FR", lines: [{ kitId: jeu.id, quantity: 1 }] }, sql);

  await order(brequigny, member, [{ kitId: jeu.id, quantity: 1 }]);
  const refused = await order(brequigny, member, [{ kitId: coffret.id, quantity: 1 }]);
  await rejectOrder(
    {
      orderId: refused.id,
      actorId: instructor,
      now,
      reason: "La médiathèque a déjà reçu un coffret ce trimestre : commandez-en un second au prochain.",
    },
    sql,
  );
  const cancelled = await order(brequigny, member, [{ kitId: coffret.id, quantity: 1 }]);
  await cancelOrder({ orderId: cancelled.id, actorId: member, now }, sql);
}
