import { z } from "zod";
import { parisDateTimeField } from "~/infra/paris-time";
import { boundedText } from "~/infra/text-limit";
import { eurosField } from "~/money/euros";

// The envelope's forms, shared by the page and the server: French messages, by field.

/** The 101 départements' codes as INSEE writes them: 01…95, 2A, 2B, 971…976. */
export const DEPARTEMENT_CODE = /^([0-9]{2}|2[AB]|97[1-6])$/;

export const campaignSchema = z
  .object({
    name: boundedText("Le nom de la campagne", 120).pipe(z.string().min(3, "Indiquez le nom de la campagne, par exemple « Distribution 2026 ».")),
    nationalCap: eurosField({ missing: "Indiquez le plafond national, par exemple 40 000 000.", maxCents: 1_000_000_000_00 }),
    reservePercent: z.coerce
      .number({ invalid_type_error: "La réserve est un pourcentage entre 0 et 50." })
      .min(0, "La réserve est un pourcentage entre 0 et 50.")
      .max(50, "La réserve est un pourcentage entre 0 et 50."),
    floor: eurosField({ missing: "Indiquez un plancher par département, ou 0.", maxCents: 1_000_000_000_00 }),
    opensAt: parisDateTimeField("l'ouverture des commandes"),
    closesAt: parisDateTimeField("la clôture des commandes"),
    // Only with a weight table (the file is read apart: it is not text); the domain asks for them then.
    weightSource: boundedText("La source des poids", 300).optional(),
    weightYear: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return undefined;
        if (/^(19|20)[0-9]{2}$/.test(value)) return Number(value);
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "L'année des poids s'écrit sur quatre chiffres, par exemple 2023." });
        return z.NEVER;
      }),
  })
  .superRefine((campaign, ctx) => {
    if (campaign.closesAt <= campaign.opensAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closesAt"], message: "La clôture des commandes vient après leur ouverture." });
    }
  });

export const campaignLabels: Record<string, string> = {
  name: "Nom de la campagne",
  nationalCap: "Plafond national (€)",
  reservePercent: "Réserve nationale (% du plafond)",
  floor: "Plancher par département (€)",
  opensAt: "Ouverture des commandes (heure de Paris)",
  closesAt: "Clôture des commandes (heure de Paris)",
  file: "Table de poids (fichier CSV)",
  weightSource: "Source des poids",
  weightYear: "Année des poids",
};

/** "reserve" or a département code. */
const account = z
  .string()
  .trim()
  .refine((value) => value === "reserve" || DEPARTEMENT_CODE.test(value), "Choisissez la réserve nationale ou un département.");

export const fundsMoveSchema = z
  .object({
    from: account,
    to: account,
    amount: eurosField({ missing: "Indiquez le montant à déplacer, par exemple 10 000.", maxCents: 1_000_000_000_00 }),
    reason: boundedText("La raison", 300).pipe(z.string().min(3, "Indiquez la raison du mouvement : elle figure au grand livre.")),
  })
  .superRefine((move, ctx) => {
    if (move.from === move.to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "Choisissez deux comptes différents." });
  });

export const fundsMoveLabels: Record<string, string> = {
  from: "Prendre sur",
  to: "Donner à",
  amount: "Montant (€)",
  reason: "Raison du mouvement",
};
