// A small programme with known dates for the dashboards' tests: two départements (35, Rennes;
// 29, Brest), structures of several kinds and states, two makers, and orders in several states,
// each step taken by the domain at an instant the test chose, so that every figure of the
// dashboard can be computed by hand (the expected values are in the tests).
import { answerFeedback, askDueFeedback, moderateFeedback } from "~/feedback/feedback.server";
import type { Sql } from "~/infra/db.server";
import { toParisLocal } from "~/infra/paris-time";
import { approveOrder, submitOrder } from "~/orders/orders.server";
import { confirmReceipt } from "~/orders/receipts.server";
import { createStructure } from "./fixtures";
import { makerFor, shareOf, type ApprovedOrder, type TestMaker } from "./fulfilment-world";
import { newKey, ordersWorld, type OrdersWorld } from "./orders-world";

const at = (iso: string) => new Date(iso);

/** "Now" for the dashboards' figures: 20 February 2031, 11:00 in Paris. */
export const DASHBOARD_NOW = at("2031-02-20T10:00:00Z");

export type DashboardWorld = {
  world: OrdersWorld;
  makers: { rennes: TestMaker; brest: TestMaker };
  structures: Record<"s1" | "s2" | "s3" | "s4" | "s5" | "s6" | "s7" | "s8" | "s9", { id: number; memberId: number; legalName: string }>;
  orders: Record<"a" | "b" | "c" | "d" | "e", number>;
};

/**
 * 35: S1 (library) order A, 2 jeux, 129,00 €, sent 10 Jan., approved 11 Jan., received 30 Jan.
 *     (20 days); S9 (library) order E, 1 jeu, 64,50 €, sent 12 Jan., approved 13 Jan., received
 *     22 Jan. (10 days); S2 (library) order B, 1 coffret, 199,00 €, sent 5 Feb., waiting;
 *     S3 (France Services) verified, never ordered; S4 (library) not verified.
 * 29: S5 (library) order C, 1 coffret, 199,00 €, sent 10 Jan., approved 12 Jan., received 9 Feb.
 *     (30 days); S6 (library) order D, 3 jeux, 193,50 €, sent 1 Feb., approved 2 Feb., not routed;
 *     S7 (library) verified, never ordered; S8 (« autre », not allowed) verified.
 * Makers: Rennes (jeu, 35, 10 a month) built A and E; Brest (coffret, 29, 4 a month) built C.
 * Feedback: A 4/5 for 12 people (published), E 5/5 for 8 people, C asked, not answered.
 */
export async function dashboardWorld(sql: Sql, legalNames: Partial<Record<"s3" | "s7", string>> = {}): Promise<DashboardWorld> {
  const world = await ordersWorld(sql);
  // The campaign's ordering period around the test's instants, whatever today's date.
  await sql`update distribution_campaigns set opens_at = '2030-01-01', closes_at = '2040-01-01' where id = ${world.campaign.id}`;
  const structure = (communeCode: string, kind = "library", status: "verified" | "pending" = "verified", legalName?: string) =>
    createStructure(sql, { communeCode, kind, status, legalName });
  const structures = {
    s1: await structure("35238"),
    s2: await structure("35238"),
    s3: await structure("35238", "france_services", "verified", legalNames.s3 ?? "France Services de Rennes"),
    s4: await structure("35238", "library", "pending"),
    s5: await structure("29019"),
    s6: await structure("29019"),
    s7: await structure("29019", "library", "verified", legalNames.s7 ?? "Bibliothèque de Bellevue"),
    s8: await structure("29019", "other"),
    s9: await structure("35238"),
  };
  const makers = {
    rennes: await makerFor(sql, world, { kitIds: [world.jeu.kitId], departements: ["35"], unitsPerMonth: 10 }),
    brest: await makerFor(sql, world, { kitIds: [world.coffret.kitId], departements: ["29"], unitsPerMonth: 4, commune: "29019" }),
  };

  const submit = async (who: { id: number; memberId: number }, kitId: number, quantity: number, sentAt: string) =>
    (
      await submitOrder(
        {
          structureId: who.id,
          memberId: who.memberId,
          idempotencyKey: newKey(),
          lines: [{ kitId, quantity }],
          campaignId: world.campaign.id,
          now: at(sentAt),
        },
        sql,
      )
    ).id;
  const approve = (orderId: number, approvedAt: string) => approveOrder({ orderId, actorId: world.adminId, now: at(approvedAt) }, sql);
  const deliver = async (
    orderId: number,
    who: { id: number; memberId: number },
    departementCode: string,
    maker: TestMaker,
    shippedAt: string,
    receivedAt: string,
  ) => {
    const order: ApprovedOrder = { orderId, structureId: who.id, memberId: who.memberId, departementCode };
    const { shipmentId } = await shareOf(sql, order, maker, "shipped", at(shippedAt));
    const lines = await sql<{ kitId: number; quantity: number }[]>`select kit_id, quantity from order_lines where order_id = ${orderId}`;
    await confirmReceipt(
      {
        shipmentId: shipmentId!,
        memberId: who.memberId,
        receivedOn: toParisLocal(at(receivedAt)).slice(0, 10),
        signatoryName: "Claire Martin",
        signatoryRole: "Directrice",
        lines: lines.map((line) => ({ kitId: line.kitId, receivedUnits: line.quantity })),
        reservations: null,
        now: at(receivedAt),
      },
      sql,
    );
  };

  const a = await submit(structures.s1, world.jeu.kitId, 2, "2031-01-10T10:00:00Z");
  const c = await submit(structures.s5, world.coffret.kitId, 1, "2031-01-10T10:00:00Z");
  await approve(a, "2031-01-11T10:00:00Z");
  const e = await submit(structures.s9, world.jeu.kitId, 1, "2031-01-12T10:00:00Z");
  await approve(c, "2031-01-12T10:00:00Z");
  await approve(e, "2031-01-13T10:00:00Z");
  await deliver(a, structures.s1, "35", makers.rennes, "2031-01-20T10:00:00Z", "2031-01-30T10:00:00Z");
  await deliver(e, structures.s9, "35", makers.rennes, "2031-01-15T10:00:00Z", "2031-01-22T10:00:00Z");
  await deliver(c, structures.s5, "29", makers.brest, "2031-01-25T10:00:00Z", "2031-02-09T10:00:00Z");
  const d = await submit(structures.s6, world.jeu.kitId, 3, "2031-02-01T10:00:00Z");
  await approve(d, "2031-02-02T10:00:00Z");
  const b = await submit(structures.s2, world.coffret.kitId, 1, "2031-02-05T10:00:00Z");

  await askDueFeedback({ now: at("2031-06-01T10:00:00Z") }, sql);
  const feedbackOf = async (orderId: number) => (await sql<{ id: number }[]>`select id from kit_feedback where order_id = ${orderId}`)[0].id;
  const answer = (orderId: number, memberId: number, rating: number, peopleReached: number) =>
    feedbackOf(orderId).then((feedbackId) =>
      answerFeedback(
        { feedbackId, userId: memberId, answer: { rating, peopleReached, themes: [], comment: null }, now: at("2031-06-02T10:00:00Z") },
        sql,
      ),
    );
  await answer(a, structures.s1.memberId, 4, 12);
  await answer(e, structures.s9.memberId, 5, 8);
  await moderateFeedback({ feedbackId: await feedbackOf(a), decision: "published", actorId: world.adminId, now: at("2031-06-03T10:00:00Z") }, sql);

  return { world, makers, structures, orders: { a, b, c, d, e } };
}
