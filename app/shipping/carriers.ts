// The carriers a maker may ship with (the shipments table's list), and the shape of each one's
// tracking numbers. The number is stored as typed (trimmed); its shape is only checked to refuse
// the obviously wrong — a UPS number given for Colissimo, a digit missing — with the expected
// format in French. Spaces and hyphens, as printed on labels, are ignored when checking.
import { labelledValues } from "~/ui/labelled-values";

export const { values: carriers, labels: carrierLabels } = labelledValues({
  colissimo: "Colissimo",
  la_poste: "La Poste (lettre suivie)",
  chronopost: "Chronopost",
  dpd: "DPD",
  gls: "GLS",
  ups: "UPS",
  dhl: "DHL",
  fedex: "FedEx",
  tnt: "TNT",
  other: "Autre transporteur",
  hand_delivery: "Remise en main propre",
});
export type Carrier = (typeof carriers)[number];

export const TRACKING_MIN = 4;
export const TRACKING_MAX = 60;

// The international format of the postal services (UPU S10): 2 letters, 8 digits and a check digit, 2 letters.
const s10 = /^[A-Z]{2}[0-9]{9}[A-Z]{2}$/;
// La Poste's domestic numbers (Colissimo 6A…, 8R…; lettre suivie 1K…, 1L…): 13 characters.
const postDomestic = /^[0-9][A-Z][0-9]{11}$/;

type Format = { patterns: RegExp[]; expected: string };

const formats: Record<Exclude<Carrier, "other" | "hand_delivery">, Format> = {
  colissimo: {
    patterns: [postDomestic, s10],
    expected:
      "13 caractères : un chiffre, une lettre et 11 chiffres (par exemple 6A12345678901), ou 2 lettres, 9 chiffres et 2 lettres à l'international (par exemple CP123456785FR)",
  },
  la_poste: {
    patterns: [postDomestic, s10],
    expected:
      "13 caractères : un chiffre, une lettre et 11 chiffres (par exemple 1K12345678901), ou 2 lettres, 9 chiffres et 2 lettres à l'international (par exemple RR123456785FR)",
  },
  chronopost: { patterns: [s10], expected: "2 lettres, 9 chiffres et 2 lettres (par exemple XY123456789FR)" },
  dpd: { patterns: [/^[0-9]{14}$/], expected: "14 chiffres (par exemple 25012345678901)" },
  gls: {
    patterns: [/^[0-9]{11,14}$/, /^[0-9A-Z]{8}$/],
    expected: "de 11 à 14 chiffres (par exemple 12345678901), ou le « Track ID » de 8 caractères",
  },
  ups: { patterns: [/^1Z[0-9A-Z]{16}$/], expected: "1Z suivi de 16 chiffres ou lettres (par exemple 1Z999AA10123456784)" },
  dhl: { patterns: [/^[0-9]{10}$/, /^JJD[0-9]{10,24}$/], expected: "10 chiffres (par exemple 1234567890), ou JJD suivi de chiffres pour DHL Parcel" },
  fedex: { patterns: [/^([0-9]{12}|[0-9]{15}|[0-9]{20}|[0-9]{22})$/], expected: "12, 15, 20 ou 22 chiffres (par exemple 123456789012)" },
  tnt: { patterns: [/^[0-9]{9}$/, s10], expected: "9 chiffres (par exemple 123456789), ou 2 lettres, 9 chiffres et 2 lettres" },
};

/** What the form's hint says of the carrier's numbers. */
export function trackingFormat(carrier: Carrier): string {
  if (carrier === "hand_delivery") return "facultatif : une référence de remise, s'il y en a une";
  if (carrier === "other") return `de ${TRACKING_MIN} à ${TRACKING_MAX} caractères, tel que le transporteur le donne`;
  return formats[carrier].expected;
}

export type TrackingCheck = { ok: true; trackingNumber: string | null } | { ok: false; message: string };

/**
 * The tracking number to store for a shipment with `carrier` (trimmed, as typed; null for a hand
 * delivery without reference), or the French reason it is refused.
 */
export function checkTracking(carrier: Carrier, typed: string): TrackingCheck {
  const trimmed = typed.trim();
  if (trimmed === "" && carrier === "hand_delivery") return { ok: true, trackingNumber: null };
  if (trimmed === "") return { ok: false, message: `Indiquez le numéro de suivi donné par ${carrierLabels[carrier]}.` };
  // Control characters (a tab, a line break, a NUL) are never part of a number read off a label.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed))
    return { ok: false, message: "Le numéro de suivi contient un caractère invalide : recopiez-le tel qu'il figure sur l'étiquette." };
  if (trimmed.length > TRACKING_MAX)
    return { ok: false, message: `Le numéro de suivi ne peut pas dépasser ${TRACKING_MAX} caractères (vous en avez saisi ${trimmed.length}).` };
  const compact = trimmed.replace(/[\s-]/g, "").toUpperCase();
  if (carrier === "other" || carrier === "hand_delivery") {
    if (trimmed.length < TRACKING_MIN || !/[0-9A-Z]/.test(compact))
      return {
        ok: false,
        message: `Le numéro de suivi compte de ${TRACKING_MIN} à ${TRACKING_MAX} caractères, dont au moins une lettre ou un chiffre.`,
      };
    return { ok: true, trackingNumber: trimmed };
  }
  const format = formats[carrier];
  if (!format.patterns.some((pattern) => pattern.test(compact)))
    return { ok: false, message: `Ce numéro ne ressemble pas à un numéro de suivi ${carrierLabels[carrier]} : il compte ${format.expected}.` };
  return { ok: true, trackingNumber: trimmed };
}

/** The French name of a carrier read from the database (the shipments table holds the same list). */
export function carrierLabel(carrier: string): string {
  return (carrierLabels as Record<string, string>)[carrier] ?? carrier;
}
