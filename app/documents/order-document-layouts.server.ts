// The three documents of an order's chain, from plain data to PDF bytes: the purchase order a maker
// receives for its share, the delivery note of a shipment, the certificate of service (attestation
// de service fait) once the structure confirms what a shipment brought. No query here: the data is
// read by order-documents.server.ts in the issuing step's transaction.
import { formatDate, formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { carrierLabels, type Carrier } from "~/shipping/carriers";
import { PROGRAMME, StatePdf } from "./state-pdf.server";

export type DocumentMaker = { name: string; siret: string; commune: string; departementCode: string; contactName: string; contactPhone: string };
export type DocumentStructure = {
  legalName: string;
  siret: string;
  address: string;
  postalCode: string;
  commune: string;
  contactName: string;
  contactPhone: string;
};
export type DocumentOrder = {
  orderId: number;
  fulfilmentId: number;
  campaignId: number;
  campaignName: string;
  departementCode: string;
  approvedAt: Date | null;
};

/** Who and for what, common to the three documents. */
type Chain = { issuedAt: Date; order: DocumentOrder; maker: DocumentMaker; structure: DocumentStructure };

export type PurchaseOrder = Chain & { lines: { kitTitle: string; quantity: number; unitPriceCents: number }[] };

type Shipment = { shipmentId: number; shippedAt: Date; carrier: Carrier; trackingNumber: string | null };

export type DeliveryNote = Chain & Shipment & { lines: { kitTitle: string; orderedQuantity: number; shippedQuantity: number }[] };

export type ServiceCertificate = Chain &
  Shipment & {
    receipt: { receivedOn: string; signatoryName: string; signatoryRole: string; reservations: string | null; confirmedAt: Date };
    lines: { kitTitle: string; shippedQuantity: number; receivedQuantity: number; unitPriceCents: number }[];
  };

/** The purchase order's number: the order's, then its share's (an order may go to several makers). */
export function purchaseOrderNumber(order: Pick<DocumentOrder, "orderId" | "fulfilmentId">): string {
  return `${order.orderId}-${order.fulfilmentId}`;
}

/**
 * The reference of the commitment the purchase order executes. Approval commits an order's total on
 * its département's allocation in the campaign (ledger entries naming the order), so campaign,
 * département and order name that commitment in the ledger: ENG-<campaign>-<département>-<order>,
 * padded so that the references of one campaign sort in order.
 */
export function engagementReference(order: Pick<DocumentOrder, "campaignId" | "departementCode" | "orderId">): string {
  return `ENG-${String(order.campaignId).padStart(3, "0")}-${order.departementCode}-${String(order.orderId).padStart(6, "0")}`;
}

const count = (n: number) => n.toLocaleString("fr-FR");
const sum = <T>(lines: T[], of: (line: T) => number) => lines.reduce((total, line) => total + of(line), 0);

// A calendar date ("2026-03-05") read at noon UTC is that day in Paris, whatever the season.
const calendarDate = (day: string) => formatDate(`${day}T12:00:00Z`);

function makerParty(maker: DocumentMaker, heading = "Fabricant") {
  return {
    heading,
    lines: [
      maker.name,
      `SIRET ${maker.siret}`,
      `${maker.commune} (${maker.departementCode})`,
      `Contact : ${maker.contactName}, ${maker.contactPhone}`,
    ],
  };
}

function structureParty(structure: DocumentStructure, heading: string) {
  return {
    heading,
    lines: [
      structure.legalName,
      `SIRET ${structure.siret}`,
      structure.address,
      `${structure.postalCode} ${structure.commune}`,
      `Contact : ${structure.contactName}, ${structure.contactPhone}`,
    ],
  };
}

const issuerParty = (campaignName: string) => ({ heading: "Émetteur", lines: [PROGRAMME, `Campagne « ${campaignName} »`] });

function orderFacts(order: DocumentOrder): [string, string][] {
  return [
    ["Commande", `n° ${order.orderId}, approuvée le ${formatDate(order.approvedAt)}`],
    ["Campagne", order.campaignName],
    ["Référence d'engagement", engagementReference(order)],
  ];
}

function shipmentFacts(shipment: Shipment): [string, string][] {
  return [
    ["Transporteur", carrierLabels[shipment.carrier]],
    ["Numéro de suivi", shipment.trackingNumber ?? "Sans numéro de suivi"],
  ];
}

/** A shipment's document, numbered after the purchase order it delivers. */
function shipmentDocument(title: string, subject: string, data: Chain & Shipment) {
  return new StatePdf({ title, subject, reference: `${purchaseOrderNumber(data.order)}-${data.shipmentId}`, issuedAt: data.issuedAt });
}

export function renderPurchaseOrder(data: PurchaseOrder): Promise<Buffer> {
  const pdf = new StatePdf({
    title: "Bon de commande",
    reference: purchaseOrderNumber(data.order),
    subject: "Commande de kits à un fabricant",
    issuedAt: data.issuedAt,
  });
  pdf.title(`émis le ${formatDate(data.issuedAt)}`);
  pdf.parties([issuerParty(data.order.campaignName), makerParty(data.maker), structureParty(data.structure, "Structure et adresse de livraison")]);
  pdf.heading("Références");
  pdf.facts(orderFacts(data.order));
  pdf.heading("Kits commandés");
  const total = sum(data.lines, (line) => line.quantity * line.unitPriceCents);
  pdf.table(
    [
      { header: "Kit", width: 0.49 },
      { header: "Quantité", width: 0.13, align: "right" },
      { header: "Prix unitaire", width: 0.19, align: "right" },
      { header: "Total", width: 0.19, align: "right" },
    ],
    data.lines.map((line) => [
      line.kitTitle,
      count(line.quantity),
      formatEuros(line.unitPriceCents),
      formatEuros(line.quantity * line.unitPriceCents),
    ]),
    { total: ["Total du bon de commande", count(sum(data.lines, (line) => line.quantity)), "", formatEuros(total)] },
  );
  pdf.paragraph(
    `${data.maker.name} fabrique et livre ces kits à l'adresse de la structure ci-dessus, puis déclare chaque expédition ` +
      `(transporteur et numéro de suivi) sur le portail ${PROGRAMME}. Le paiement suit l'attestation de service fait ` +
      `que la structure établit à la réception, sur l'enveloppe du programme (engagement ${engagementReference(data.order)}).`,
  );
  return pdf.finish();
}

export function renderDeliveryNote(data: DeliveryNote): Promise<Buffer> {
  const pdf = shipmentDocument("Bon de livraison", "Livraison de kits à une structure", data);
  pdf.title(`expédition n° ${data.shipmentId} du ${formatDate(data.shippedAt)}`);
  pdf.parties([makerParty(data.maker, "Expéditeur"), structureParty(data.structure, "Destinataire et adresse de livraison")]);
  pdf.heading("Expédition");
  pdf.facts([...shipmentFacts(data), ["Commande", `n° ${data.order.orderId} (bon de commande n° ${purchaseOrderNumber(data.order)})`]]);
  pdf.heading("Kits expédiés");
  pdf.table(
    [
      { header: "Kit", width: 0.56 },
      { header: "Commandés à ce fabricant", width: 0.22, align: "right" },
      { header: "Dans cette expédition", width: 0.22, align: "right" },
    ],
    data.lines.map((line) => [line.kitTitle, count(line.orderedQuantity), count(line.shippedQuantity)]),
    {
      total: ["Total", count(sum(data.lines, (line) => line.orderedQuantity)), count(sum(data.lines, (line) => line.shippedQuantity))],
    },
  );
  pdf.handwrittenBox(
    "Réception par la structure",
    [
      "Reçu le :",
      "Nom et qualité du signataire :",
      "Réserves (colis endommagé, pièces manquantes, quantités) :",
      "",
      "Signature et cachet de la structure :",
    ],
    140,
  );
  pdf.paragraph(
    `La structure confirme aussi la réception sur le portail ${PROGRAMME} : quantités reçues, signataire et réserves. ` +
      `Cette confirmation vaut attestation de service fait et déclenche le paiement du fabricant.`,
    { size: 8.5 },
  );
  return pdf.finish();
}

export function renderServiceCertificate(data: ServiceCertificate): Promise<Buffer> {
  const pdf = shipmentDocument("Attestation de service fait", "Réception de kits par une structure", data);
  const { receipt } = data;
  const certified = sum(data.lines, (line) => line.receivedQuantity * line.unitPriceCents);
  pdf.title(`émise le ${formatDate(data.issuedAt)}`);
  pdf.parties([structureParty(data.structure, "Structure bénéficiaire"), makerParty(data.maker), issuerParty(data.order.campaignName)]);
  pdf.heading("Attestation");
  pdf.paragraph(
    `La structure ${data.structure.legalName} (SIRET ${data.structure.siret}) atteste avoir reçu le ${calendarDate(receipt.receivedOn)}, ` +
      `par ${receipt.signatoryName}, ${receipt.signatoryRole}, les kits de l'expédition n° ${data.shipmentId} ` +
      `envoyée le ${formatDate(data.shippedAt)} par ${data.maker.name} (SIRET ${data.maker.siret}), dans les quantités suivantes.`,
  );
  pdf.table(
    [
      { header: "Kit", width: 0.4 },
      { header: "Expédiés", width: 0.12, align: "right" },
      { header: "Reçus", width: 0.12, align: "right" },
      { header: "Prix unitaire", width: 0.18, align: "right" },
      { header: "Valeur reçue", width: 0.18, align: "right" },
    ],
    data.lines.map((line) => [
      line.kitTitle,
      count(line.shippedQuantity),
      count(line.receivedQuantity),
      formatEuros(line.unitPriceCents),
      formatEuros(line.receivedQuantity * line.unitPriceCents),
    ]),
    {
      total: [
        "Valeur certifiée",
        count(sum(data.lines, (line) => line.shippedQuantity)),
        count(sum(data.lines, (line) => line.receivedQuantity)),
        "",
        formatEuros(certified),
      ],
    },
  );
  pdf.heading("Réserves");
  pdf.paragraph(receipt.reservations ?? "Aucune réserve n'a été formulée à la réception.");
  pdf.heading("Service fait");
  pdf.paragraph(
    `Le service fait est certifié pour un montant de ${formatEuros(certified)}. Cette attestation déclenche le paiement ` +
      `de ${data.maker.name} sur l'enveloppe du programme ${PROGRAMME}, campagne « ${data.order.campaignName} », ` +
      `engagement ${engagementReference(data.order)}.`,
  );
  pdf.heading("Références");
  pdf.facts([
    ...orderFacts(data.order),
    ["Bon de commande", `n° ${purchaseOrderNumber(data.order)}`],
    ["Expédition", `n° ${data.shipmentId} du ${formatDate(data.shippedAt)}`],
    ...shipmentFacts(data),
    ["Réception confirmée en ligne", `le ${formatParis(receipt.confirmedAt)}`],
  ]);
  return pdf.finish();
}
