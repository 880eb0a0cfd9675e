// Forms and query strings of the admin space, with the messages a person reads. Shared by routes and tests.
import { z } from "zod";
import { pageNumber } from "~/infra/paging";
import { roleLabels, roles, type Role } from "./roles";
import { labelledValues } from "~/ui/labelled-values";

export const { values: scopeKinds, labels: scopeKindLabels } = labelledValues({
  national: "Nationale (partout)",
  contest: "Un concours",
  structure: "Une structure",
  maker: "Un fabricant",
  departement: "Un département",
});
export type ScopeKind = (typeof scopeKinds)[number];

/** Which objects a role can be scoped to, besides the national scope every role accepts. */
export const scopeKindsOfRole: Record<Role, readonly ScopeKind[]> = {
  admin: ["national", "contest"],
  juror: ["national", "contest"],
  designer: ["national", "contest"],
  structure: ["national", "structure"],
  maker: ["national", "maker"],
  instructor: ["departement"],
};

/** Which scopes a role takes, said to the admin who chose another: an instructor is never national. */
export function scopeKindsMessage(role: Role): string {
  const kinds = scopeKindsOfRole[role];
  const objects = kinds.filter((kind) => kind !== "national").map((kind) => scopeKindLabels[kind].toLowerCase());
  const national = kinds.includes("national") ? "est national ou " : "";
  return `Le rôle « ${roleLabels[role]} » ${national}porte sur ${objects.join(" ou ")}.`;
}

/** The kind of a stored scope: '*' is national, 'departement:35' a département. */
export function scopeKindOf(scope: string): ScopeKind | null {
  const kind = scope === "*" ? "national" : scope.slice(0, scope.indexOf(":"));
  return (scopeKinds as readonly string[]).includes(kind) ? (kind as ScopeKind) : null;
}

/** The stored form of a scope: '*', or 'contest:12', 'structure:7', 'maker:3', 'departement:2A'. */
export function scopeOf(kind: ScopeKind, id?: string): string {
  return kind === "national" ? "*" : `${kind}:${id}`;
}

const scopeNumberNoun: Record<Exclude<ScopeKind, "national" | "departement">, string> = {
  contest: "du concours",
  structure: "de la structure",
  maker: "du fabricant",
};

export const userSearchSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  page: pageNumber.default(1),
});

const grantRole = z.object({
  intent: z.literal("grant"),
  role: z.enum(roles, { errorMap: () => ({ message: "Choisissez le rôle à attribuer." }) }),
  scopeKind: z.enum(scopeKinds, { errorMap: () => ({ message: "Choisissez la portée du rôle." }) }),
  scopeId: z.string().trim().max(30, { message: "Le numéro ou le code de la portée tient en 30 caractères au plus." }).optional(),
});

const revokeMembership = z.object({
  intent: z.literal("revoke"),
  membershipId: z.coerce.number({ invalid_type_error: "Rôle introuvable." }).int().positive({ message: "Rôle introuvable." }),
});

const disableAccount = z.object({ intent: z.literal("disable") });
const enableAccount = z.object({ intent: z.literal("enable") });

/** Every change an admin can make to a person's account, as posted by /admin/utilisateurs/:id. */
export const userChangeSchema = z
  .discriminatedUnion("intent", [grantRole, revokeMembership, disableAccount, enableAccount], {
    errorMap: () => ({ message: "Action inconnue." }),
  })
  .superRefine((change, ctx) => {
    if (change.intent !== "grant") return;
    if (change.scopeKind === "departement") {
      if (!/^([0-9]{2}|2A|2B|97[1-6])$/.test(change.scopeId?.toUpperCase() ?? "")) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["scopeId"],
          message: "Indiquez le code du département, par exemple 35, 2A ou 974.",
        });
      }
    } else if (change.scopeKind !== "national" && !/^[1-9][0-9]{0,14}$/.test(change.scopeId ?? "")) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["scopeId"],
        message: `Indiquez le numéro ${scopeNumberNoun[change.scopeKind]}, un nombre entier positif, par exemple 12.`,
      });
    }
    if (!scopeKindsOfRole[change.role].includes(change.scopeKind)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["scopeKind"], message: scopeKindsMessage(change.role) });
    }
  })
  .transform((change) => {
    if (change.intent !== "grant") return change;
    return {
      intent: "grant" as const,
      role: change.role,
      scope: scopeOf(change.scopeKind, change.scopeKind === "national" ? undefined : change.scopeId?.toUpperCase()),
    };
  });

export type UserChange = z.output<typeof userChangeSchema>;

export const outboxFilterSchema = z.object({
  destinataire: z.string().trim().max(254).catch("").default(""),
  page: pageNumber.default(1),
});

export const auditFilterSchema = z.object({
  sujet: z.string().trim().max(200).catch("").default(""),
  page: pageNumber.default(1),
});
