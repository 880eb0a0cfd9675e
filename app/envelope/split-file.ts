import { toCsv } from "~/infra/csv";
import { formatWeight } from "./weight-table";

// The split as an open-data file: one line per département with its weight, whether the floor
// lifted it and what the split gave it, and on every line the campaign's inputs, so that the file
// alone is enough to recompute the split (allocate() or a spreadsheet) and find the same cents.

const SPLIT_METHOD = "plus forts restes, au centime, restes égaux départagés dans l'ordre des codes INSEE";

export const SPLIT_COLUMNS = [
  "code_departement",
  "nom",
  "poids",
  "au_plancher",
  "part_initiale_euros",
  "plafond_actuel_euros",
  "campagne",
  "plafond_national_euros",
  "reserve_initiale_euros",
  "montant_reparti_euros",
  "plancher_euros",
  "methode",
  "source_poids",
  "annee_poids",
] as const;

export type SplitFileCampaign = {
  name: string;
  nationalCapCents: number;
  initialReserveCents: number;
  floorCents: number;
  weightSource: string;
  weightYear: number;
  weightDecimals: number;
};

export type SplitFileShare = {
  departementCode: string;
  departementName: string;
  weight: number;
  atFloor: boolean;
  initialCapCents: number;
  capCents: number;
};

/** Cents as a French spreadsheet reads euros: "1234567,89" (no grouping, a decimal comma). */
function eurosText(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

export function splitCsv(campaign: SplitFileCampaign, shares: readonly SplitFileShare[]): string {
  const inputs = [
    campaign.name,
    eurosText(campaign.nationalCapCents),
    eurosText(campaign.initialReserveCents),
    eurosText(campaign.nationalCapCents - campaign.initialReserveCents),
    eurosText(campaign.floorCents),
    SPLIT_METHOD,
    campaign.weightSource,
    campaign.weightYear,
  ];
  return toCsv(
    [...SPLIT_COLUMNS],
    shares.map((share) => [
      share.departementCode,
      share.departementName,
      formatWeight(share.weight, campaign.weightDecimals),
      share.atFloor ? "oui" : "non",
      eurosText(share.initialCapCents),
      eurosText(share.capCents),
      ...inputs,
    ]),
  );
}
