// Roles and their names in the UI. Shared by server code and forms.
import { labelledValues } from "~/ui/labelled-values";
export const { values: roles, labels: roleLabels } = labelledValues({
  admin: "Gestionnaire du programme",
  juror: "Membre du jury",
  designer: "Candidat",
  structure: "Structure de proximité",
  maker: "Fabricant",
  instructor: "Instructeur départemental",
});
export type Role = (typeof roles)[number];

/** The role space each role opens, under its stable URL. */
export const roleSpaces: Record<Role, string> = {
  admin: "/admin",
  juror: "/jury",
  designer: "/candidat",
  structure: "/structure",
  maker: "/fabricant",
  instructor: "/instruction",
};

/** Roles whose holders must use a second factor (TOTP) before entering their space. */
export const rolesRequiringSecondFactor: readonly Role[] = ["admin", "juror", "instructor"];

/**
 * A membership applies everywhere ('*') or to one object, written 'contest:12', 'structure:7',
 * 'maker:3', or to one département by its INSEE code, 'departement:2A'.
 */
export const scopePattern = /^(\*|(contest|structure|maker):[1-9][0-9]*|departement:([0-9]{2}|2A|2B|97[1-6]))$/;

/** The scope of an instructor of one département. */
export function departementScope(code: string): string {
  return `departement:${code}`;
}

export function describeScope(scope: string): string {
  if (scope === "*") return "national";
  const [kind, id] = scope.split(":");
  if (kind === "departement") return `département ${id}`;
  const kinds: Record<string, string> = { contest: "concours", structure: "structure", maker: "fabricant" };
  return `${kinds[kind] ?? kind} n° ${id}`;
}
