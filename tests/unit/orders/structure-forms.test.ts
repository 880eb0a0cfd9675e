// The structure's forms as the server reads them, and the order's timeline as the structure reads it.
import { describe, expect, test } from "vitest";
import { timelineOf } from "~/orders/order-timeline";
import { orderFormSchema, receiptFormSchema } from "~/orders/structure-schemas";

const key = "0f8b6f0e-0000-4000-8000-000000000000";

describe("the ordering form", () => {
  test("a blank quantity is a kit not ordered; each faulty quantity is named by its row in the form", () => {
    const parsed = orderFormSchema.safeParse({ structureId: "3", idempotencyKey: key, kitId: ["7", "8", "9"], quantity: ["", "2", " 4 "] });
    expect(parsed.success && parsed.data).toEqual({
      structureId: 3,
      idempotencyKey: key,
      lines: [
        { kitId: 8, quantity: 2 },
        { kitId: 9, quantity: 4 },
      ],
    });
    const faulty = orderFormSchema.safeParse({ structureId: "3", idempotencyKey: key, kitId: ["7", "8", "9"], quantity: ["1", "2,5", "-1"] });
    expect(faulty.success).toBe(false);
    expect(faulty.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["lines.1.quantity", "La quantité est un nombre entier de kits, sans décimale."],
      ["lines.2.quantity", "La quantité ne peut pas être négative."],
    ]);
  });

  test("every quantity blank, rows that do not pair, a key too short: refused", () => {
    const blank = orderFormSchema.safeParse({ structureId: "3", idempotencyKey: key, kitId: ["7"], quantity: [""] });
    expect(blank.error!.issues.map((issue) => issue.path.join("."))).toEqual(["lines"]);
    expect(orderFormSchema.safeParse({ structureId: "3", idempotencyKey: key, kitId: ["7", "8"], quantity: "1" }).success).toBe(false);
    expect(orderFormSchema.safeParse({ structureId: "3", idempotencyKey: "court", kitId: "7", quantity: "1" }).success).toBe(false);
  });
});

describe("the receipt form", () => {
  test("the units received by kit; reservations left blank are none; a unit count that is not a whole number names its kit", () => {
    const form = { shipmentId: "5", receivedOn: "2026-03-09", signatoryName: "Claire", signatoryRole: "Directrice", kitId: ["7", "8"] };
    const parsed = receiptFormSchema.safeParse({ ...form, received: ["2", "0"], reservations: "  " });
    expect(parsed.success && parsed.data).toMatchObject({
      shipmentId: 5,
      reservations: null,
      lines: [
        { kitId: 7, receivedUnits: 2 },
        { kitId: 8, receivedUnits: 0 },
      ],
    });
    const faulty = receiptFormSchema.safeParse({ ...form, received: ["2", "1,5"] });
    expect(faulty.error!.issues.map((issue) => issue.path.join("."))).toEqual(["received.8"]);
  });
});

describe("an order's timeline", () => {
  test("the order's audited steps and its shares' routing, steps and shipments, oldest first, in French", () => {
    const events = timelineOf({
      audit: [
        { action: "order.submitted", at: "2026-03-01T09:00:00Z", data: { totalCents: 46_250 } },
        { action: "order.approved", at: "2026-03-02T09:00:00Z", data: {} },
        { action: "something.else", at: "2026-03-03T09:00:00Z", data: {} },
      ],
      shares: [
        {
          makerName: "Fablab de Vitré",
          status: "in_production",
          routedAt: "2026-03-04T09:00:00Z",
          statusAt: "2026-03-06T09:00:00Z",
          shipments: [{ id: 4, carrier: "colissimo", trackingNumber: "6A12345678901", shippedAt: "2026-03-05T09:00:00Z" }],
        },
      ],
    });
    expect(events.map((event) => event.text)).toEqual([
      "Commande envoyée (462,50\u00a0€) : les fonds sont réservés sur l'enveloppe du département.",
      "Commande approuvée par l'instruction : les fonds sont engagés.",
      "Attribuée au fabricant Fablab de Vitré.",
      "Livraison n° 4 expédiée par Fablab de Vitré (Colissimo, numéro de suivi 6A12345678901).",
      "Fablab de Vitré : en fabrication.",
    ]);
  });
});
