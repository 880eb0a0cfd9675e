// The national seed's accounts: one admin, an instructor per département, the jurors, a designer
// per proposal, a member per structure and per maker. One password hash for all of them (hashing
// 55,000 passwords with Argon2 would take the seed's whole budget); second factors where the
// portal requires one (admins and instructors).
import type { TableRows } from "./copy";
import { draws } from "./draws";
import { personName, seedEmail, totpSecret } from "./people";
import type { NationalSizes } from "./sizes";

export type Accounts = {
  users: TableRows;
  adminId: number;
  instructorIds: Map<string, number>;
  jurorIds: number[];
  designerIds: number[];
  /** The member of structure i + 1. */
  structureMemberIds: number[];
  /** The member of maker i + 1. */
  makerMemberIds: number[];
};

export const NATIONAL_ADMIN_EMAIL = seedEmail("administration");

export function accountRows(input: {
  seed: number;
  sizes: NationalSizes;
  departements: readonly string[];
  passwordHash: string;
  createdAt: Date;
}): Accounts {
  const draw = draws(input.seed, "accounts");
  const rows: unknown[][] = [];
  const add = (localPart: string, name: string, secondFactor: boolean) => {
    const id = rows.length + 1;
    const secret = secondFactor ? totpSecret(draw) : null;
    rows.push([id, seedEmail(localPart), name, input.passwordHash, input.createdAt, secret, secret ? input.createdAt : null, input.createdAt]);
    return id;
  };
  const range = (count: number, make: (i: number) => number) => Array.from({ length: count }, (_, i) => make(i));
  const adminId = add("administration", "Administration nationale", true);
  const instructorIds = new Map(input.departements.map((code) => [code, add(`instruction-${code.toLowerCase()}`, personName(draw), true)]));
  const jurorIds = range(input.sizes.jurors, (i) => add(`jury-${i + 1}`, personName(draw), true));
  const designerIds = range(input.sizes.proposals, (i) => add(`candidat-${i + 1}`, personName(draw), false));
  const structureMemberIds = range(input.sizes.structures, (i) => add(`structure-${i + 1}`, personName(draw), false));
  const makerMemberIds = range(input.sizes.makers, (i) => add(`fabricant-${i + 1}`, personName(draw), false));
  return {
    users: {
      table: "users",
      columns: ["id", "email", "name", "password_hash", "email_confirmed_at", "totp_secret", "totp_enabled_at", "created_at"],
      rows: rows as never,
    },
    adminId,
    instructorIds,
    jurorIds,
    designerIds,
    structureMemberIds,
    makerMemberIds,
  };
}

/** Each account's role and scope, once the contest they are jurors of is known. */
export function membershipRows(accounts: Accounts, contestId: number): TableRows {
  const rows: unknown[][] = [[accounts.adminId, "admin", "*"]];
  for (const [code, id] of accounts.instructorIds) rows.push([id, "instructor", `departement:${code}`]);
  for (const id of accounts.jurorIds) rows.push([id, "juror", `contest:${contestId}`]);
  for (const id of accounts.designerIds) rows.push([id, "designer", "*"]);
  accounts.structureMemberIds.forEach((id, i) => rows.push([id, "structure", `structure:${i + 1}`]));
  accounts.makerMemberIds.forEach((id, i) => rows.push([id, "maker", `maker:${i + 1}`]));
  return { table: "memberships", columns: ["user_id", "role", "scope"], rows: rows as never };
}
