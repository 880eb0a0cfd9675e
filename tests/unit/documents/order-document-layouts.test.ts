// The three order documents, rendered from plain data and read back as a viewer would: what each
// says, that the same data and date give the same bytes, that a long table goes on to the next page
// under its header with nothing drawn over anything else, and that hostile names do not break them.
import PDFDocument from "pdfkit";
import { describe, expect, test, vi } from "vitest";
import {
  type DeliveryNote,
  type PurchaseOrder,
  renderDeliveryNote,
  renderPurchaseOrder,
  renderServiceCertificate,
  type ServiceCertificate,
} from "~/documents/order-document-layouts.server";
import { formatEuros } from "~/money/euros";
import { expectSays, normalised, overlaps, pdfText } from "../../support/pdf-text";

// Rendering and reading back a PDF takes a second or more on a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000 });

const chain = {
  issuedAt: new Date("2026-04-06T08:30:00Z"),
  order: {
    orderId: 123,
    fulfilmentId: 45,
    campaignId: 7,
    campaignName: "Campagne 2026 des kits",
    departementCode: "35",
    approvedAt: new Date("2026-03-02T23:30:00Z"), // 3 March in Paris
  },
  maker: {
    name: "Fablab des Champs Libres",
    siret: "12345678900011",
    commune: "Rennes",
    departementCode: "35",
    contactName: "Aline Martin",
    contactPhone: "0299000000",
  },
  structure: {
    legalName: "Médiathèque de Saint-Malo",
    siret: "98765432100022",
    address: "12 rue de la Paix",
    postalCode: "35400",
    commune: "Saint-Malo",
    contactName: "Bruno Le Gall",
    contactPhone: "0299111111",
  },
};

const purchaseOrder: PurchaseOrder = {
  ...chain,
  lines: [
    { kitTitle: "Coffret « Mes papiers en ligne »", quantity: 2, unitPriceCents: 19_900 },
    { kitTitle: "Jeu de l'oie numérique", quantity: 3, unitPriceCents: 6_450 },
  ],
};

const shipment = { shipmentId: 77, shippedAt: new Date("2026-04-01T09:00:00Z"), carrier: "colissimo" as const, trackingNumber: "6A12345678901" };

const deliveryNote: DeliveryNote = {
  ...chain,
  ...shipment,
  lines: [
    { kitTitle: "Coffret « Mes papiers en ligne »", orderedQuantity: 2, shippedQuantity: 2 },
    { kitTitle: "Jeu de l'oie numérique", orderedQuantity: 3, shippedQuantity: 1 },
  ],
};

const certificate: ServiceCertificate = {
  ...chain,
  ...shipment,
  receipt: {
    receivedOn: "2026-04-03",
    signatoryName: "Claire Dubois",
    signatoryRole: "Directrice de la médiathèque",
    reservations: "Un plateau de jeu manque dans le second colis.",
    confirmedAt: new Date("2026-04-03T14:05:00Z"),
  },
  lines: [
    { kitTitle: "Coffret « Mes papiers en ligne »", shippedQuantity: 2, receivedQuantity: 2, unitPriceCents: 19_900 },
    { kitTitle: "Jeu de l'oie numérique", shippedQuantity: 3, receivedQuantity: 2, unitPriceCents: 6_450 },
  ],
};

/** The amount as the document prints it, spaces normalised like the text read back. */
const euros = (cents: number) => normalised(formatEuros(cents));

function expectNoOverlap(pages: { items: unknown[] }[]) {
  for (const page of pages as Parameters<typeof overlaps>[0][]) expect(overlaps(page)).toEqual([]);
}

describe("the State look", () => {
  test("each document carries the bloc-marque, the programme as issuer and its title, set in Marianne", async () => {
    for (const [bytes, title] of [
      [await renderPurchaseOrder(purchaseOrder), "Bon de commande"],
      [await renderDeliveryNote(deliveryNote), "Bon de livraison"],
      [await renderServiceCertificate(certificate), "Attestation de service fait"],
    ] as const) {
      const { pages, info } = await pdfText(bytes);
      expect(pages[0].text).toMatch(/^RÉPUBLIQUE FRANÇAISE Liberté Égalité Fraternité Kits d'inclusion numérique/);
      expect(pages[0].text).toContain(title);
      expect(info.Title).toMatch(new RegExp(`^${title} n° 123-45`));
      expect(info.Author).toBe("Kits d'inclusion numérique");
      expect(bytes.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+Marianne-Bold/);
      expect(bytes.toString("latin1")).not.toMatch(/\/BaseFont \/(?!\w{6}\+Marianne)/);
      expectNoOverlap(pages);
    }
  });
});

describe("the purchase order", () => {
  test("names the order, the programme, the maker, the structure, the lines and their totals, the campaign and the engagement", async () => {
    const { text, pages } = await pdfText(await renderPurchaseOrder(purchaseOrder));
    expect(pages).toHaveLength(1);
    expectSays(text, [
      "Bon de commande n° 123-45 — émis le 6 avril 2026",
      "ÉMETTEUR Kits d'inclusion numérique",
      "FABRICANT Fablab des Champs Libres SIRET 12345678900011 Rennes (35)",
      "Médiathèque de Saint-Malo SIRET 98765432100022 12 rue de la Paix 35400 Saint-Malo",
      "Commande n° 123, approuvée le 3 mars 2026",
      "Campagne Campagne 2026 des kits",
      "Référence d'engagement ENG-007-35-000123",
      `Coffret « Mes papiers en ligne » 2 ${euros(19_900)} ${euros(39_800)}`,
      `Jeu de l'oie numérique 3 ${euros(6_450)} ${euros(19_350)}`,
      `Total du bon de commande 5 ${euros(59_150)}`,
    ]);
  });
});

describe("the delivery note", () => {
  test("names the shipment, its carrier and tracking number, the parties, the kits shipped and the order, with room for the receiver's signature", async () => {
    const { text } = await pdfText(await renderDeliveryNote(deliveryNote));
    expectSays(text, [
      "Bon de livraison n° 123-45-77 — expédition n° 77 du 1 avril 2026",
      "EXPÉDITEUR Fablab des Champs Libres SIRET 12345678900011",
      "DESTINATAIRE ET ADRESSE DE LIVRAISON Médiathèque de Saint-Malo SIRET 98765432100022 12 rue de la Paix 35400 Saint-Malo",
      "Transporteur Colissimo",
      "Numéro de suivi 6A12345678901",
      "Commande n° 123 (bon de commande n° 123-45)",
      "Coffret « Mes papiers en ligne » 2 2",
      "Jeu de l'oie numérique 3 1",
      "Total 5 3",
      "Réception par la structure",
      "Nom et qualité du signataire",
      "Signature et cachet de la structure",
    ]);
  });

  test("a hand delivery without tracking number says so", async () => {
    const { text } = await pdfText(await renderDeliveryNote({ ...deliveryNote, carrier: "hand_delivery", trackingNumber: null }));
    expect(text).toContain("Transporteur Remise en main propre");
    expect(text).toContain("Numéro de suivi Sans numéro de suivi");
  });
});

describe("the certificate of service", () => {
  test("says who received what on which day, with the reservations, the value certified and that it triggers payment", async () => {
    const { text } = await pdfText(await renderServiceCertificate(certificate));
    const certified = 2 * 19_900 + 2 * 6_450;
    expectSays(text, [
      "Attestation de service fait n° 123-45-77",
      "La structure Médiathèque de Saint-Malo (SIRET 98765432100022) atteste avoir reçu le 3 avril 2026, " +
        "par Claire Dubois, Directrice de la médiathèque, les kits de l'expédition n° 77 envoyée le 1 avril 2026 " +
        "par Fablab des Champs Libres (SIRET 12345678900011)",
      `Coffret « Mes papiers en ligne » 2 2 ${euros(19_900)} ${euros(39_800)}`,
      `Jeu de l'oie numérique 3 2 ${euros(6_450)} ${euros(12_900)}`,
      `Valeur certifiée 5 4 ${euros(certified)}`,
      "Réserves Un plateau de jeu manque dans le second colis.",
      `Le service fait est certifié pour un montant de ${euros(certified)}. Cette attestation déclenche le paiement de Fablab des Champs Libres ` +
        "sur l'enveloppe du programme Kits d'inclusion numérique, campagne « Campagne 2026 des kits », engagement ENG-007-35-000123.",
      "Transporteur Colissimo",
      "Numéro de suivi 6A12345678901",
      "Commande n° 123, approuvée le 3 mars 2026",
      "Bon de commande n° 123-45",
      "Expédition n° 77 du 1 avril 2026",
      "Réception confirmée en ligne le 3 avril 2026 à 16:05",
    ]);
  });

  test("without reservations, it says none was made", async () => {
    const { text } = await pdfText(await renderServiceCertificate({ ...certificate, receipt: { ...certificate.receipt, reservations: null } }));
    expect(text).toContain("Réserves Aucune réserve n'a été formulée à la réception.");
  });
});

describe("the bytes", () => {
  test("the same data and date give the same bytes; another date other bytes, dated by it", async () => {
    const first = await renderServiceCertificate(certificate);
    expect((await renderServiceCertificate(structuredClone(certificate))).equals(first)).toBe(true);
    const later = await renderServiceCertificate({ ...certificate, issuedAt: new Date("2026-04-07T08:30:00Z") });
    expect(later.equals(first)).toBe(false);
    expect((await pdfText(later)).info.CreationDate).toBe("D:20260407083000Z");
  });
});

describe("long tables", () => {
  test("a purchase order of 70 lines goes on over pages, its header repeated, each line once, nothing drawn over anything", async () => {
    const lines = Array.from({ length: 70 }, (_, i) => ({
      kitTitle: `Kit n° ${i + 1}${i % 7 === 0 ? " — un titre assez long pour tenir sur deux ou trois lignes dans la colonne des kits" : ""}`,
      quantity: i + 1,
      unitPriceCents: 1_000,
    }));
    const { pages, text } = await pdfText(await renderPurchaseOrder({ ...purchaseOrder, lines }));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page.text).toContain("Kit Quantité Prix unitaire Total");
      expect(page.text).toContain(`Page ${i + 1} sur ${pages.length}`);
      if (i > 0) expect(page.text).toContain("Bon de commande n° 123-45 (suite)");
    });
    for (let n = 1; n <= 70; n++) expect(text.match(new RegExp(`Kit n° ${n}\\b`, "g"))).toHaveLength(1);
    expect(pages.at(-1)!.text).toContain(
      `Total du bon de commande ${normalised(((70 * 71) / 2).toLocaleString("fr-FR"))} ${euros(((70 * 71) / 2) * 1_000)}`,
    );
    expectNoOverlap(pages);
  });
});

test("the overlap check sees text drawn over other text (else the tests above could not fail)", async () => {
  const pdf = new PDFDocument({ info: { CreationDate: chain.issuedAt } });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => pdf.on("end", resolve));
  pdf.text("Fablab des Champs Libres", 100, 100).text("Médiathèque de Saint-Malo", 110, 102).text("Plus bas", 100, 300).end();
  await ended;
  const { pages } = await pdfText(Buffer.concat(chunks));
  expect(overlaps(pages[0]).map(([a, b]) => [a.text, b.text])).toEqual([["Fablab des Champs Libres", "Médiathèque de Saint-Malo"]]);
});

describe("hostile text", () => {
  const rtl = "مكتبة البلدية שלום";
  const emoji = "Fablab 🚀👩🏽‍💻";
  const huge = "Ω".repeat(3000);
  const longName = "Association intercommunale ".repeat(7).trim();

  test("very long, right-to-left, emoji and control characters neither break a document nor spill over other text", async () => {
    const hostile: ServiceCertificate = {
      ...certificate,
      order: { ...certificate.order, campaignName: longName },
      maker: { ...certificate.maker, name: `${emoji} ${rtl}`, contactName: huge },
      structure: { ...certificate.structure, legalName: longName, address: `${rtl}\u202e\u0007\t12 rue`, commune: "Saint-Étienne\u0301" },
      receipt: {
        ...certificate.receipt,
        signatoryName: emoji,
        signatoryRole: rtl,
        reservations: Array.from({ length: 40 }, (_, i) => `Ligne ${i + 1} des réserves : une pièce manque.`).join("\n") + huge,
      },
      lines: [{ ...certificate.lines[0], kitTitle: `${huge} ${rtl} ${emoji}` }, certificate.lines[1]],
    };
    const bytes = await renderServiceCertificate(hostile);
    const { pages, text } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expectNoOverlap(pages);
    // What Marianne cannot draw is a visible « ? », never an invisible glyph.
    expect(text).not.toContain("\u0000");
    expect(text).toContain("Fablab ?");
    expect(text).toContain(longName);
    expect(text).toContain("Ligne 40 des réserves : une pièce manque.");
    expect(text).toContain(`Valeur certifiée 5 4 ${euros(2 * 19_900 + 2 * 6_450)}`);
    expect(text).toContain("SIRET 98765432100022");

    for (const render of [
      () => renderPurchaseOrder({ ...purchaseOrder, maker: hostile.maker, structure: hostile.structure, order: hostile.order }),
      () => renderDeliveryNote({ ...deliveryNote, maker: hostile.maker, structure: hostile.structure, trackingNumber: `${rtl}${emoji}` }),
    ]) {
      const document = await pdfText(await render());
      expectNoOverlap(document.pages);
      expect(document.text).toContain("SIRET 12345678900011");
    }
  });
});
