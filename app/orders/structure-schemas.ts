import { z } from "zod";
import { recordId } from "~/http/params";
import { boundedText } from "~/infra/text-limit";
import { quantityRefusal } from "./order-lines";

// The structure's order forms (ordering, receipt, cancellation), with the French message each field shows.

const EXPIRED = "Le formulaire de commande a expiré : rechargez la page, puis renvoyez la commande.";

/** A field the form repeats once per row: none, one or several values, always as a list. */
const rows = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(item).max(100, "Trop de lignes envoyées."));

/** A quantity as typed: a number (a decimal comma accepted, to say it is not whole) or NaN. */
function typedNumber(text: string): number {
  return /^-?\d{1,12}([.,]\d{1,6})?$/.test(text) ? Number(text.replace(",", ".")) : /^\d{13,}$/.test(text) ? Number.MAX_SAFE_INTEGER : NaN;
}

/** The field of a row's quantity on the ordering form. */
export const quantityField = (row: number) => `lines.${row}.quantity`;

/**
 * The ordering form: one quantity field per kit offered (a blank one is a kit not ordered), with
 * the idempotency key the page was given. Each quantity is checked by its row.
 */
export const orderFormSchema = z
  .object({
    structureId: recordId,
    idempotencyKey: z.string({ required_error: EXPIRED }).trim().min(8, EXPIRED).max(100, EXPIRED),
    kitId: rows(recordId),
    quantity: rows(z.string().trim().max(40, "Indiquez un nombre entier de kits.")),
  })
  .transform((form, ctx) => {
    if (form.kitId.length !== form.quantity.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Le formulaire envoyé est incomplet : rechargez la page et réessayez." });
      return z.NEVER;
    }
    const lines: { kitId: number; quantity: number }[] = [];
    form.quantity.forEach((typed, row) => {
      if (typed === "") return;
      const quantity = typedNumber(typed);
      const refusal = quantityRefusal(quantity);
      if (refusal) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines", row, "quantity"], message: refusal });
      else lines.push({ kitId: form.kitId[row]!, quantity });
    });
    if (form.quantity.every((typed) => typed === ""))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines"], message: "Indiquez la quantité d'au moins un kit." });
    return { structureId: form.structureId, idempotencyKey: form.idempotencyKey, lines };
  });

/** The field of a kit's received units on the receipt form: where its refusal is shown. */
export const receivedField = (kitId: number) => `received.${kitId}`;

/** The receipt of one shipment: its date, who signs, the units received of each kit, the reservations. */
export const receiptFormSchema = z
  .object({
    shipmentId: recordId,
    receivedOn: z.string({ required_error: "Indiquez la date de réception." }).trim().min(1, "Indiquez la date de réception."),
    signatoryName: boundedText("Le nom", 200).default(""),
    signatoryRole: boundedText("La fonction", 200).default(""),
    reservations: boundedText("Les réserves", 4000).default(""),
    kitId: rows(recordId),
    received: rows(z.string().trim()),
  })
  .transform((form, ctx) => {
    if (form.kitId.length !== form.received.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Le formulaire envoyé est incomplet : rechargez la page et réessayez." });
      return z.NEVER;
    }
    const lines = form.kitId.map((kitId, row) => {
      const units = /^\d{1,6}$/.test(form.received[row]!) ? Number(form.received[row]) : NaN;
      if (Number.isNaN(units))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [receivedField(kitId)], message: "Indiquez un nombre entier de kits reçus." });
      return { kitId, receivedUnits: units };
    });
    const { kitId: _, received: __, ...fields } = form;
    return { ...fields, reservations: fields.reservations || null, lines };
  });

export const receiptLabels: Record<string, string> = {
  receivedOn: "Date de réception",
  signatoryName: "Nom de la personne qui signe",
  signatoryRole: "Sa fonction",
  reservations: "Réserves (facultatif)",
};

export const cancelSchema = z.object({ confirm: z.literal("oui", { errorMap: () => ({ message: "Confirmez l'annulation." }) }) });
