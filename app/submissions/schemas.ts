import { z } from "zod";
import { boundedText } from "~/infra/text-limit";
import { photoField } from "~/media/media";
import { parseEuros } from "~/money/euros";
import { checkSiret } from "~/organisations/siret";

// The proposal form, shared by the page and the server. A draft may be incomplete; what is
// filled in must still be valid. Completeness is checked at submission (missingForSubmission).

export const licences = [
  "CC BY 4.0",
  "CC BY-SA 4.0",
  "Licence Ouverte 2.0 (Etalab)",
  "CERN-OHL-S-2.0",
  "CERN-OHL-W-2.0",
  "CERN-OHL-P-2.0",
  "GPL-3.0-or-later",
  "MIT",
] as const;

export const limits = {
  title: 200,
  pitch: 280,
  description: 10_000,
  longText: 5_000,
  itemName: 200,
  itemPurpose: 500,
  items: 50,
  team: 20,
  personName: 200,
  personRole: 200,
  organisationName: 200,
};

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

const optionalText = (max: number, label: string) => boundedText(label, max).default("");

const optionalCount = (label: string, max: number) =>
  z
    .string()
    .trim()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      if (!/^\d+$/.test(value) || Number(value) > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label} est un nombre entier entre 0 et ${max.toLocaleString("fr-FR")}.` });
        return z.NEVER;
      }
      return Number(value);
    });

const itemSchema = z.object({
  name: boundedText("Le nom", limits.itemName).pipe(z.string().min(1, "Indiquez le nom de l'élément.")),
  quantity: z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,4}$/, "La quantité est un nombre entier entre 1 et 99 999."),
  purpose: boundedText("L'usage", limits.itemPurpose),
});

const memberSchema = z.object({
  name: boundedText("Le nom", limits.personName).pipe(z.string().min(1, "Indiquez le nom de la personne.")),
  role: boundedText("Le rôle", limits.personRole),
});

/** Rows are sent as parallel lists (itemName, itemQuantity, itemPurpose…); blank rows are spares. */
function gatherRows(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, unknown>;
  const names = list(form.itemName);
  const quantities = list(form.itemQuantity);
  const purposes = list(form.itemPurpose);
  const items = names
    .map((name, i) => ({ name, quantity: quantities[i] ?? "", purpose: purposes[i] ?? "" }))
    .filter((row) => row.name.trim() || row.quantity.trim() || row.purpose.trim());
  const memberNames = list(form.memberName);
  const memberRoles = list(form.memberRole);
  const team = memberNames.map((name, i) => ({ name, role: memberRoles[i] ?? "" })).filter((row) => row.name.trim() || row.role.trim());
  return { ...form, items, team, themes: list(form.themes), audiences: list(form.audiences) };
}

/** The draft form for a contest whose themes and audiences are given. */
export function proposalDraftSchema(contest: { themes: string[]; audiences: string[] }) {
  return z.preprocess(
    gatherRows,
    z.object({
      title: optionalText(limits.title, "Le titre"),
      pitch: optionalText(limits.pitch, "Le résumé"),
      description: optionalText(limits.description, "La description"),
      themes: z
        .array(z.string())
        .refine((values) => values.every((v) => contest.themes.includes(v)), "Choisissez les thèmes dans la liste proposée."),
      audiences: z
        .array(z.string())
        .refine((values) => values.every((v) => contest.audiences.includes(v)), "Choisissez les publics dans la liste proposée."),
      items: z.array(itemSchema).max(limits.items, `Le kit compte au plus ${limits.items} éléments.`),
      unitPrice: z
        .string()
        .trim()
        .default("")
        .transform((value, ctx) => {
          if (value === "") return null;
          const parsed = parseEuros(value, { maxCents: 100_000_00 });
          if (!parsed.ok) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
            return z.NEVER;
          }
          return parsed.cents;
        }),
      monthlyCapacity: optionalCount("La capacité de production mensuelle", 1_000_000),
      leadTimeDays: optionalCount("Le délai de fabrication", 365),
      licence: z
        .string()
        .default("")
        .refine((value) => value === "" || (licences as readonly string[]).includes(value), "Choisissez une licence ouverte dans la liste."),
      accessibility: optionalText(limits.longText, "La description de l'accessibilité"),
      environment: optionalText(limits.longText, "La note environnementale"),
      team: z.array(memberSchema).max(limits.team, `L'équipe compte au plus ${limits.team} personnes.`),
      organisationName: optionalText(limits.organisationName, "Le nom de l'organisation"),
      organisationSiret: z
        .string()
        .trim()
        .default("")
        .transform((value, ctx) => {
          if (value === "") return "";
          const check = checkSiret(value);
          if (!check.ok) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: check.message });
            return z.NEVER;
          }
          return check.siret;
        }),
    }),
  );
}

export type ProposalDraft = z.output<ReturnType<typeof proposalDraftSchema>>;

export const emptyDraft: ProposalDraft = {
  title: "",
  pitch: "",
  description: "",
  themes: [],
  audiences: [],
  items: [],
  unitPrice: null,
  monthlyCapacity: null,
  leadTimeDays: null,
  licence: "",
  accessibility: "",
  environment: "",
  team: [],
  organisationName: "",
  organisationSiret: "",
};

export type Missing = { field: string; message: string };

/** A ready photo of the draft, as a submission would freeze it. */
export type DraftPhoto = { id: number; name: string; description: string | null };

/** What still lacks before a draft can be submitted, field by field, in French. */
export function missingForSubmission(draft: ProposalDraft, readyPhotos: DraftPhoto[]): Missing[] {
  const missing: Missing[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || missing.push({ field, message });
  need(draft.title.length >= 3, "title", "Indiquez le titre du kit (3 caractères au moins).");
  need(draft.pitch.length > 0, "pitch", "Rédigez le résumé du kit (280 caractères au plus).");
  need(draft.description.length > 0, "description", "Décrivez le kit.");
  need(draft.themes.length > 0, "themes", "Choisissez au moins un thème.");
  need(draft.audiences.length > 0, "audiences", "Choisissez au moins un public.");
  need(draft.items.length > 0, "items", "Indiquez au moins un élément du contenu du kit.");
  need(draft.unitPrice !== null, "unitPrice", "Indiquez le prix unitaire estimé.");
  need(draft.monthlyCapacity !== null && draft.monthlyCapacity > 0, "monthlyCapacity", "Indiquez la capacité de production mensuelle.");
  need(draft.leadTimeDays !== null, "leadTimeDays", "Indiquez le délai de fabrication en jours.");
  need(draft.licence !== "", "licence", "Choisissez la licence ouverte des plans et contenus.");
  need(draft.accessibility.length > 0, "accessibility", "Décrivez les fonctions d'accessibilité du kit.");
  need(draft.environment.length > 0, "environment", "Rédigez la note environnementale (réemploi, réparation, reconditionné).");
  need(draft.team.length > 0, "team", "Présentez au moins une personne de l'équipe.");
  need(draft.organisationName === "" || draft.organisationSiret !== "", "organisationSiret", "Indiquez le SIRET de l'organisation.");
  need(readyPhotos.length > 0, "photos", "Ajoutez au moins une photo du kit, et attendez qu'elle soit prête.");
  // The accessibility statement promises a text description of every photo shown.
  readyPhotos.forEach((photo, i) =>
    need(
      photo.description !== null,
      photoField(photo.id),
      `Décrivez la photo ${i + 1} (« ${photo.name} ») : sa description remplace l'image pour les personnes qui ne la voient pas.`,
    ),
  );
  return missing;
}

export const withdrawSchema = z.object({
  confirm: z.literal("oui", { errorMap: () => ({ message: "Confirmez le retrait de la proposition." }) }),
});

export const rulingSchema = z.discriminatedUnion(
  "ruling",
  [
    z.object({ ruling: z.literal("eligible") }),
    z.object({
      ruling: z.literal("ineligible"),
      reason: boundedText("La raison", 2000).pipe(z.string().min(10, "Expliquez au candidat la raison de l'inéligibilité (10 caractères au moins).")),
    }),
  ],
  { errorMap: () => ({ message: "Choisissez « recevable » ou « irrecevable »." }) },
);
