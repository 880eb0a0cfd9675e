import { createHash, randomBytes } from "node:crypto";
import { createContest } from "~/contest/contests.server";
import { fromParisLocal } from "~/infra/paris-time";
import type { Sql } from "~/infra/db.server";
import type { ProposalDraft } from "~/submissions/schemas";
import { contestInput } from "./contest-fixtures";

export const duringSubmissions = fromParisLocal("2026-03-10T12:00");
export const deadline = fromParisLocal("2026-03-29T12:00");

export async function createUser(sql: Sql, name = "Alex Candidat") {
  const [user] = await sql<{ id: number }[]>`
    insert into users (email, name, password_hash, email_confirmed_at)
    values (${`u${randomBytes(6).toString("hex")}@example.fr`}, ${name}, 'x', now()) returning id`;
  return user.id;
}

export async function createOpenContest(sql: Sql) {
  const admin = await createUser(sql, "Admin");
  return createContest(contestInput({ slug: `kits-${randomBytes(4).toString("hex")}` }), admin, sql);
}

export const completeDraft: ProposalDraft = {
  title: "Kit « Mes premiers pas en ligne »",
  pitch: "Une valise avec une tablette reconditionnée et des fiches pour apprendre les démarches en ligne.",
  description: "Le kit contient tout le nécessaire pour animer six ateliers.",
  themes: ["Réseaux sociaux"],
  audiences: ["Personnes âgées"],
  items: [{ name: "Tablette reconditionnée", quantity: "1", purpose: "Pratiquer" }],
  unitPrice: 18950,
  monthlyCapacity: 200,
  leadTimeDays: 21,
  licence: "CC BY-SA 4.0",
  accessibility: "Fiches en FALC, gros caractères.",
  environment: "Matériel reconditionné, réparable.",
  team: [{ name: "Alex Candidat", role: "Conception" }],
  organisationName: "",
  organisationSiret: "",
};

/** A photo already processed by the worker (the media pipeline is tested on its own), described unless told otherwise. */
export async function addReadyPhoto(sql: Sql, proposalId: number, description: string | null = "Le kit ouvert sur une table.") {
  const sha = createHash("sha256").update(randomBytes(16)).digest("hex");
  const [file] = await sql<{ id: number }[]>`
    insert into proposal_files (proposal_id, kind, display_name, description, media_type, original_key, original_size, original_sha256,
                                status, ready_sha256, derivatives, width, height, processed_at)
    values (${proposalId}, 'photo', 'kit.jpg', ${description}, 'image/jpeg', ${`uploads/${randomBytes(8).toString("hex")}`}, 1000, ${sha},
            'ready', ${sha}, '{}', 800, 600, now())
    returning id`;
  return file.id;
}
