// The carriers a maker may name for a shipment (shipments.carrier), as a structure reads them.
const labels: Record<string, string> = {
  la_poste: "La Poste",
  colissimo: "Colissimo",
  chronopost: "Chronopost",
  dpd: "DPD",
  gls: "GLS",
  ups: "UPS",
  dhl: "DHL",
  fedex: "FedEx",
  tnt: "TNT",
  other: "autre transporteur",
  hand_delivery: "remise en main propre",
};

export function carrierLabel(carrier: string): string {
  return labels[carrier] ?? carrier;
}
