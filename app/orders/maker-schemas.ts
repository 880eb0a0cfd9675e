import { z } from "zod";
import { pageNumber } from "~/infra/paging";
import { boundedText } from "~/infra/text-limit";
import { labelledValues } from "~/ui/labelled-values";
import { carriers, checkTracking } from "~/shipping/carriers";
import type { FulfilmentStatus } from "./fulfilment-lifecycle";

// The maker's forms on a share of an order, and the groups its list of shares is shown in.

export const refusalReasonMissing = "Indiquez la raison du refus (de 5 à 2 000 caractères) : l'équipe du programme la lira.";

export const refusalSchema = z.object({ reason: boundedText("La raison", 2000).pipe(z.string().min(5, refusalReasonMissing)) });

export const refusalLabels: Record<string, string> = { reason: "Raison du refus" };

const unitsPattern = /^units-([1-9][0-9]{0,15})$/;

/**
 * The shipment form: the carrier, its tracking number, and `units-<kit id>` for each kit of the
 * share (empty counts as 0). Every fault is reported on its own field.
 */
export const shipmentSchema = z.record(z.union([z.string(), z.array(z.string())])).transform((raw, ctx) => {
  let faulty = false;
  const issue = (path: string, message: string) => {
    faulty = true;
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  };
  const carrier = z.enum(carriers).safeParse(raw.carrier);
  if (!carrier.success) issue("carrier", "Choisissez le transporteur dans la liste.");
  const typed = typeof raw.trackingNumber === "string" ? raw.trackingNumber : "";
  const tracking = carrier.success ? checkTracking(carrier.data, typed) : null;
  if (tracking && !tracking.ok) issue("trackingNumber", tracking.message);
  const lines: { kitId: number; quantity: number }[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const match = unitsPattern.exec(key);
    if (!match) continue;
    const text = typeof value === "string" ? value.trim() : null;
    if (text === null || !/^[0-9]{0,4}$/.test(text)) {
      issue(key, "Indiquez un nombre entier d'unités, 0 ou plus, par exemple 3.");
      continue;
    }
    lines.push({ kitId: Number(match[1]), quantity: text === "" ? 0 : Number(text) });
  }
  if (faulty || !carrier.success) return z.NEVER;
  if (!lines.some((line) => line.quantity > 0)) {
    issue("lines", "Indiquez au moins une unité expédiée.");
    return z.NEVER;
  }
  return { carrier: carrier.data, trackingNumber: typed, lines };
});

export const shipmentLabels: Record<string, string> = { carrier: "Transporteur", trackingNumber: "Numéro de suivi", lines: "Unités expédiées" };

/** The groups of the maker's list of shares, each the states it gathers. */
export const { values: shareGroups, labels: shareGroupLabels } = labelledValues({
  to_accept: "À accepter",
  in_progress: "En cours",
  shipped: "Expédiées",
  delivered: "Livrées",
  closed: "Refusées ou annulées",
});
export type ShareGroup = (typeof shareGroups)[number];

export const shareGroupStatuses: Record<ShareGroup, readonly FulfilmentStatus[]> = {
  to_accept: ["routed"],
  in_progress: ["accepted", "in_production"],
  shipped: ["shipped"],
  delivered: ["delivered"],
  closed: ["refused", "cancelled"],
};

/** The list's filter: one group, or the open ones (to accept, in progress, shipped) when none is chosen. */
export const shareFilterSchema = z.object({ etat: z.enum(shareGroups).optional().catch(undefined), page: pageNumber.default(1) });
