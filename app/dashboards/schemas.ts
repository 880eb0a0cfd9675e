import { z } from "zod";
import { DEPARTEMENT_CODE } from "~/envelope/schemas";
import { pageNumber } from "~/infra/paging";
import { labelledValues } from "~/ui/labelled-values";

// The dashboard's query string, shared by the page and its exports: a hand-edited address falls
// back to the default view, never to an error.

/** The choices of the "stuck for more than" filter, in days. */
export const stuckChoices = [2, 7, 15, 30] as const;

export const dashboardQuerySchema = z.object({
  departement: z.string().regex(DEPARTEMENT_CODE).nullable().catch(null).default(null),
  jours: z.coerce.number().int().min(1).max(365).catch(7).default(7),
  /** The makers' load month, "YYYY-MM"; the current one by default. */
  mois: z
    .string()
    .regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/)
    .nullable()
    .catch(null)
    .default(null),
  page: pageNumber.default(1),
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** Each table of the dashboard, by the name its export's address carries. */
export const { values: dashboardTables, labels: dashboardTableLabels } = labelledValues({
  consommation: "Consommation de l'enveloppe par mois",
  "commandes-par-statut": "Commandes par statut",
  "commandes-en-attente": "Commandes en attente par département",
  "delais-departements": "Délais par département",
  "delais-fabricants": "Délais par fabricant",
  "charge-fabricants": "Charge des fabricants",
  "structures-par-type": "Structures par type",
  "structures-par-departement": "Structures par département",
  "structures-sans-commande": "Structures éligibles sans commande",
  "retours-par-kit": "Retours d'usage par kit",
});
export type DashboardTable = (typeof dashboardTables)[number];
