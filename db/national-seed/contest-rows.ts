// The contest of the national seed, as rows: 5,000 proposals (drafts, withdrawn, ineligible, and the
// eligible ones the jury reviews), their submitted versions with receipts and a photo each, the
// jurors, one automatic assignment and its reviews, then — from the sealed ranking — the decisions.
// Pure: the ids it needs are given, the rows it makes are returned.
import { licences, type ProposalDraft } from "../../app/submissions/schemas";
import { receiptNumber, versionDigest, type VersionContent } from "../../app/submissions/version";
import { toParisLocal } from "../../app/infra/paris-time";
import type { TableRows } from "./copy";
import { draws, type Draws } from "./draws";
import { personName, seedSiret } from "./people";
import type { NationalSizes } from "./sizes";

const HOUR = 3_600_000;

export type ContestCalendar = { submissionsOpenAt: Date; submissionsCloseAt: Date; reviewOpenAt: Date; reviewCloseAt: Date; resultsAt: Date };

/** The stored photo every proposal's file points at (small real images, shared by many rows). */
export type SeedPhoto = {
  large: string;
  medium: string;
  thumbnail: string;
  originalSha256: string;
  originalSize: number;
  readySha256: string;
  width: number;
  height: number;
};

export type ContestInput = {
  seed: number;
  sizes: NationalSizes;
  contestId: number;
  criteria: readonly { id: number; weight: number }[];
  themes: readonly string[];
  audiences: readonly string[];
  calendar: ContestCalendar;
  adminId: number;
  /** One designer account per proposal, in order. */
  designerIds: readonly number[];
  jurorIds: readonly number[];
  photos: readonly SeedPhoto[];
};

export type ProposalStatus = "draft" | "withdrawn" | "ineligible" | "eligible";

export type ContestRows = {
  tables: TableRows[];
  /** The eligible proposals with what a decision needs: their proposed price and capacity. */
  eligible: { id: number; unitPriceCents: number; monthlyCapacity: number }[];
  /** Where each photo file's original is stored: one object per file (the key is unique). */
  originals: { key: string; photo: number }[];
};

const objects = [
  "Valise",
  "Coffret",
  "Malle",
  "Borne mobile",
  "Jeu de cartes",
  "Sac à dos",
  "Kit",
  "Atelier itinérant",
  "Boîte à outils",
  "Escape game",
];
const subjects = [
  "Premiers pas en ligne",
  "Mes papiers en ligne",
  "Vrai ou faux ?",
  "Mon compte en sécurité",
  "Santé connectée",
  "Courriel facile",
  "Réseaux sociaux sans crainte",
  "Acheter en ligne sereinement",
  "Mes données, mes choix",
  "Télétravail pas à pas",
  "Parents connectés",
  "Emploi et numérique",
  "Le numérique en famille",
  "Rendez-vous médical en ligne",
  "Démarches sans stress",
];
const items = [
  "Tablette reconditionnée",
  "Fiches pas à pas plastifiées",
  "Guide d'animation",
  "Ordinateur portable reconditionné",
  "Jeu de cartes illustré",
  "Routeur 4G",
  "Casque audio",
  "Clavier à grosses touches",
  "Affiches",
  "Clé USB de ressources",
];
const organisations = ["Association", "Tiers-lieu", "Fablab", "SCOP", "Collectif", "Médiathèque"];
const roles = ["Conception pédagogique", "Design", "Fabrication", "Coordination", "Médiation numérique"];
const ineligibilityReasons = [
  "La proposition ne comprend pas de plan de fabrication, exigé par le règlement.",
  "Le prix unitaire dépasse le plafond fixé par le règlement du concours.",
  "Le kit proposé est un produit commercial existant, non une proposition originale.",
];
const comments = [
  "Kit clair et bien pensé pour les publics visés.",
  "Le guide d'animation mériterait d'être plus détaillé.",
  "Très bonne attention à l'accessibilité.",
  "Coût élevé au regard du contenu.",
  "Fabrication locale crédible.",
];

function draft(draw: Draws, index: number, input: ContestInput): ProposalDraft {
  const title = `${draw.pick(objects)} « ${draw.pick(subjects)} »`;
  const organisation = `${draw.pick(organisations)} ${personName(draw).split(" ")[1]}`;
  return {
    title,
    pitch: `${title} : un kit prêt à l'emploi pour accompagner les personnes éloignées du numérique, conçu par ${organisation}.`,
    description: `Le kit se prête aux structures de médiation. Il contient le matériel, un guide d'animation et des fiches pas à pas.\nProposition n° ${index + 1} du jeu de données national.`,
    themes: draw.sample(input.themes, draw.int(1, 3)),
    audiences: draw.sample(input.audiences, draw.int(1, 2)),
    items: draw.sample(items, draw.int(2, 4)).map((name) => ({ name, quantity: String(draw.int(1, 12)), purpose: "Animer les ateliers" })),
    unitPrice: draw.int(49, 299) * 100 + draw.pick([0, 50, 90]),
    monthlyCapacity: draw.int(2, 40) * 10,
    leadTimeDays: draw.int(7, 60),
    licence: draw.pick(licences),
    accessibility: "Fiches en FALC, gros caractères, contrastes renforcés.",
    environment: "Matériel reconditionné, emballage réutilisable.",
    team: [{ name: personName(draw), role: draw.pick(roles) }],
    organisationName: organisation,
    organisationSiret: seedSiret(9, index + 1),
  };
}

/** How many reviews each of `entries` eligible entries gets: `reviews` spread as evenly as the jurors allow. */
export function reviewsPerEntry(reviews: number, entries: number, jurors: number): number[] {
  const total = Math.min(reviews, entries * jurors);
  const base = Math.floor(total / entries);
  return Array.from({ length: entries }, (_, i) => base + (i < total % entries ? 1 : 0));
}

const clampScore = (value: number) => Math.max(0, Math.min(5, Math.round(value)));

export function contestRows(input: ContestInput): ContestRows {
  const { sizes, calendar, contestId } = input;
  const draw = draws(input.seed, "contest");
  const between = (from: Date, to: Date) => new Date(from.getTime() + draw.float() * (to.getTime() - from.getTime()));
  const proposals: unknown[][] = [];
  const versions: unknown[][] = [];
  const files: unknown[][] = [];
  const originals: ContestRows["originals"] = [];
  const eligible: ContestRows["eligible"] = [];
  let receipts = 0;
  for (let i = 0; i < sizes.proposals; i++) {
    const id = i + 1;
    const owner = input.designerIds[i]!;
    const fields = draft(draw, i, input);
    // The first of each status is certain, so that every status is present at any scale.
    const status: ProposalStatus =
      i < 3 ? (["draft", "withdrawn", "ineligible"] as const)[i]! : draw.weighted({ draft: 3, withdrawn: 2, ineligible: 5, eligible: 90 });
    const createdAt = between(calendar.submissionsOpenAt, new Date(calendar.submissionsCloseAt.getTime() - 48 * HOUR));
    const submittedAt = new Date(createdAt.getTime() + draw.int(2, 40) * HOUR);
    const submitted = status !== "draft";
    const ruledAt = between(calendar.submissionsCloseAt, calendar.reviewOpenAt);
    const ruled = status === "eligible" || status === "ineligible";
    const reason = status === "ineligible" ? draw.pick(ineligibilityReasons) : null;
    const withdrawnAt = status === "withdrawn" ? new Date(submittedAt.getTime() + draw.int(1, 200) * HOUR) : null;
    if (submitted) {
      const photo = input.photos[i % input.photos.length]!;
      const originalKey = `national/originaux/proposition-${id}.jpg`;
      originals.push({ key: originalKey, photo: i % input.photos.length });
      const description = `Le kit « ${fields.title} » posé sur une table, prêt pour un atelier.`;
      files.push([
        id,
        id,
        "photo",
        "photo-du-kit.jpg",
        description,
        "image/jpeg",
        originalKey,
        photo.originalSize,
        photo.originalSha256,
        "ready",
        { json: { large: photo.large, medium: photo.medium, thumbnail: photo.thumbnail } },
        photo.readySha256,
        photo.width,
        photo.height,
        createdAt,
        new Date(createdAt.getTime() + 60_000),
      ]);
      const content: VersionContent = {
        proposal: id,
        contest: contestId,
        version: 1,
        fields,
        files: [{ id, kind: "photo", name: "photo-du-kit.jpg", sha256: photo.originalSha256, readySha256: photo.readySha256, description }],
      };
      const year = Number(toParisLocal(submittedAt).slice(0, 4));
      versions.push([id, 1, 1, receiptNumber(year, ++receipts), submittedAt, owner, { json: content }, versionDigest(content).digest]);
    }
    proposals.push([
      id,
      contestId,
      owner,
      status,
      fields.title,
      { json: fields },
      1,
      submitted ? 1 : 0,
      reason,
      ruled ? input.adminId : null,
      ruled ? ruledAt : null,
      withdrawnAt,
      createdAt,
      withdrawnAt ?? (ruled ? ruledAt : submitted ? submittedAt : createdAt),
    ]);
    if (status === "eligible") eligible.push({ id, unitPriceCents: fields.unitPrice!, monthlyCapacity: fields.monthlyCapacity! });
  }

  // The jury: its members, one automatic assignment spreading the reviews evenly, every review submitted.
  const jurors = input.jurorIds.map((userId) => [
    contestId,
    userId,
    input.adminId,
    new Date(calendar.submissionsCloseAt.getTime() - 20 * 24 * HOUR),
    draw.sample(input.themes, draw.int(1, 2)),
    null,
    new Date(calendar.reviewOpenAt.getTime() - 2 * 24 * HOUR),
  ]);
  const runSeed = draw.int(1, 2_000_000_000);
  const assignments: unknown[][] = [];
  const reviews: unknown[][] = [];
  const counts = reviewsPerEntry(sizes.reviews, eligible.length, input.jurorIds.length);
  const bias = input.jurorIds.map(() => draw.float() - 0.5);
  let next = 0;
  eligible.forEach((entry, e) => {
    const quality = 1 + draw.float() * 3.5;
    for (let k = 0; k < counts[e]!; k++) {
      const j = next++ % input.jurorIds.length;
      const juror = input.jurorIds[j]!;
      assignments.push([entry.id, juror, contestId, 1, input.adminId, calendar.reviewOpenAt]);
      const scores = Object.fromEntries(input.criteria.map((c) => [String(c.id), clampScore(quality + bias[j]! + (draw.float() - 0.5) * 2)]));
      const at = between(calendar.reviewOpenAt, new Date(calendar.reviewCloseAt.getTime() - HOUR));
      reviews.push([
        entry.id,
        juror,
        "submitted",
        { json: scores },
        draw.chance(0.3) ? draw.pick(comments) : "",
        draw.chance(0.5) ? draw.pick(comments) : "",
        at,
        at,
      ]);
    }
  });
  const run = [1, contestId, runSeed, Math.max(1, Math.round(sizes.reviews / Math.max(1, eligible.length))), 0, input.adminId, calendar.reviewOpenAt];

  return {
    eligible,
    originals,
    tables: [
      {
        table: "proposals",
        columns: [
          "id",
          "contest_id",
          "owner_id",
          "status",
          "title",
          "draft",
          "draft_revision",
          "current_version",
          "ineligibility_reason",
          "ruled_by",
          "ruled_at",
          "withdrawn_at",
          "created_at",
          "updated_at",
        ],
        rows: proposals as never,
      },
      {
        table: "proposal_versions",
        columns: ["proposal_id", "version", "draft_revision", "receipt_number", "submitted_at", "submitted_by", "content", "digest"],
        rows: versions as never,
      },
      {
        table: "proposal_files",
        columns: [
          "id",
          "proposal_id",
          "kind",
          "display_name",
          "description",
          "media_type",
          "original_key",
          "original_size",
          "original_sha256",
          "status",
          "derivatives",
          "ready_sha256",
          "width",
          "height",
          "created_at",
          "processed_at",
        ],
        rows: files as never,
      },
      {
        table: "jurors",
        columns: ["contest_id", "user_id", "invited_by", "invited_at", "themes", "max_load", "ties_declared_at"],
        rows: jurors as never,
      },
      {
        table: "assignment_runs",
        columns: ["id", "contest_id", "seed", "reviews_per_entry", "total_cost", "created_by", "created_at"],
        rows: [run] as never,
      },
      { table: "assignments", columns: ["proposal_id", "user_id", "contest_id", "run_id", "created_by", "created_at"], rows: assignments as never },
      {
        table: "reviews",
        columns: ["proposal_id", "user_id", "status", "scores", "comment_for_admins", "comment_for_candidate", "submitted_at", "updated_at"],
        rows: reviews as never,
      },
    ],
  };
}

/**
 * The deliberation's outcome: the best-ranked entries (ids in ranking order) are laureates at
 * their proposed price and capacity, the others are not retained, each with its motivation.
 */
export function decisionRows(input: {
  contestId: number;
  ranking: readonly number[];
  eligible: ContestRows["eligible"];
  laureates: number;
  adminId: number;
  decidedAt: Date;
}): TableRows {
  const byId = new Map(input.eligible.map((entry) => [entry.id, entry]));
  const rank = new Map(input.ranking.map((id, index) => [id, index]));
  const rows = input.eligible.map((entry) => {
    const laureate = (rank.get(entry.id) ?? Number.POSITIVE_INFINITY) < input.laureates;
    const { unitPriceCents, monthlyCapacity } = byId.get(entry.id)!;
    return [
      entry.id,
      input.contestId,
      laureate ? "laureate" : "not_retained",
      laureate ? "Kit retenu par le jury pour sa qualité pédagogique et son coût maîtrisé." : "Le jury a retenu des propositions mieux notées.",
      laureate ? unitPriceCents : null,
      laureate ? monthlyCapacity : null,
      input.adminId,
      input.decidedAt,
    ];
  });
  return {
    table: "decisions",
    columns: ["proposal_id", "contest_id", "outcome", "motivation", "final_unit_price_cents", "final_monthly_capacity", "decided_by", "decided_at"],
    rows: rows as never,
  };
}
