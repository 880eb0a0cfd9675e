// The one test world: people of each role, contests, proposals, jurors and reviews, made through the
// domain functions the portal itself uses (accounts, sessions, contests, drafts, submissions,
// eligibility rulings, uploads). A few things are written as rows, on purpose: a juror's seat,
// assignments and reviews (the domain's paths send mails and write audit entries that the tests
// count), and createEntry's proposals in any status with incomplete fields (which submission refuses).
// Every instant comes from ./calendar.
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { hashPassword } from "~/accounts/passwords.server";
import type { Role } from "~/accounts/roles";
import { createSession } from "~/accounts/sessions.server";
import { enableTotp, insertMembership, insertUser, markEmailConfirmed, pendingTotpSecret } from "~/accounts/users.server";
import { createContest, type Contest } from "~/contest/contests.server";
import { contestFormSchema, type ContestInput } from "~/contest/schemas";
import type { BlobStore } from "~/infra/blobs/blob-store";
import type { Sql } from "~/infra/db.server";
import { luhnValid } from "~/organisations/siret";
import { describePhoto, processUpload, receiveUpload } from "~/submissions/proposal-files.server";
import { createProposal, ruleEligibility, saveDraft, submitProposal } from "~/submissions/proposals.server";
import { emptyDraft, type ProposalDraft } from "~/submissions/schemas";
import type { ProposalStatus } from "~/submissions/statuses";
import { contestDates, duringReview, duringSubmissions } from "./calendar";
import { eventually } from "./eventually";

const unique = () => randomBytes(5).toString("hex");

// ——— Contests ———

/** A valid contest form as an admin would submit it, with overridable fields; its dates are the calendar's. */
export function contestForm(overrides: Record<string, string | string[]> = {}): FormData {
  const fields: Record<string, string | string[]> = {
    title: "Concours kits d'inclusion numérique 2026",
    slug: "kits-2026",
    rules: "1. Les kits sont prêts à l'emploi.\n2. Les plans sont publiés sous licence ouverte.",
    ...contestDates,
    themes: "Réseaux sociaux\nAchats en ligne",
    audiences: "Personnes âgées\nJeunes",
    criterionLabel: ["Pertinence pédagogique", "Accessibilité"],
    criterionDescription: ["Répond aux besoins.", "Utilisable par tous."],
    criterionWeight: ["60", "40"],
    maxPhotos: "10",
    maxPhotoMegabytes: "15",
    maxPhotoMegapixels: "40",
    maxDocuments: "5",
    maxDocumentMegabytes: "25",
    ...overrides,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

export function contestInput(overrides: Record<string, string | string[]> = {}): ContestInput {
  const form = contestForm(overrides);
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key) as string[];
    raw[key] = all.length > 1 || key.startsWith("criterion") ? all : all[0];
  }
  return contestFormSchema.parse(raw);
}

/** Form overrides the jury's tests use: a third theme to match jurors on, three criteria, or two weighted 2 and 1. */
export const juryForms = {
  threeThemes: { themes: "Réseaux sociaux\nAchats en ligne\nTélétravail" },
  threeCriteria: {
    criterionLabel: ["Pertinence pédagogique", "Accessibilité", "Coût"],
    criterionDescription: ["Répond aux besoins des publics.", "Utilisable par tous.", "Prix et reproductibilité."],
    criterionWeight: ["50", "30", "20"],
  },
  usageAndDesign: { criterionLabel: ["Usage", "Conception"], criterionDescription: ["", ""], criterionWeight: ["2", "1"] },
} satisfies Record<string, Record<string, string | string[]>>;

/** A contest on the calendar's dates (its phase is the `now` a test passes), created by a new admin; a unique slug unless told. */
export async function contestWithAdmin(sql: Sql, overrides: Record<string, string | string[]> = {}): Promise<{ contest: Contest; adminId: number }> {
  const admin = await createPerson(sql, { name: "Gestionnaire", roles: ["admin"], totp: true });
  const contest = await createContest(contestInput({ slug: `kits-${unique()}`, ...overrides }), admin.id, sql);
  return { contest, adminId: admin.id };
}

// ——— People ———

/** The password of every account made with one (see account()). */
export const PASSWORD = "velo-rouge-du-facteur";
/** The TOTP secret of accounts enrolled without a secret of their own. */
export const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

export type Person = { id: number; email: string; name: string; password: string };

/**
 * An account made as sign-up, confirmation and enrolment leave it: confirmed unless told, with its
 * roles (national scope unless `scope`), TOTP on when `totp` is true or a secret. Its password
 * hash is a placeholder (hashing is slow) unless `password` is given: see createAccount() to sign in.
 */
export async function createPerson(
  sql: Sql,
  options: {
    name?: string;
    email?: string;
    roles?: Role[];
    scope?: string;
    password?: string;
    totp?: boolean | string;
    confirmed?: boolean;
    disabled?: boolean;
  } = {},
): Promise<Person> {
  const email = options.email ?? `p${unique()}@exemple.fr`;
  const name = options.name ?? "Personne";
  const passwordHash = options.password === undefined ? "not-a-real-hash" : await hashPassword(options.password);
  const id = await insertUser({ email, name, passwordHash }, sql);
  if (id === null) throw new Error(`adresse déjà prise : ${email}`);
  if (options.confirmed !== false) await markEmailConfirmed(id, sql);
  if (options.totp) {
    const secret = options.totp === true ? TOTP_SECRET : options.totp;
    await pendingTotpSecret(id, secret, sql);
    await enableTotp(id, secret, sql);
  }
  for (const role of options.roles ?? []) await insertMembership({ userId: id, role, scope: options.scope }, sql);
  // Disabling is an admin's act with its own tests; here only the state it leaves matters.
  if (options.disabled) await sql`update users set disabled_at = now() where id = ${id}`;
  return { id, email: email.toLowerCase(), name, password: options.password ?? "" };
}

/** An account that signs in with PASSWORD (or its own), a designer unless other roles are given. */
export function createAccount(
  sql: Sql,
  options: { name?: string; email?: string; password?: string; roles?: Role[]; confirmed?: boolean; totpSecret?: string; disabled?: boolean } = {},
) {
  const { totpSecret, ...rest } = options;
  return createPerson(sql, { name: "Personne de test", roles: ["designer"], password: PASSWORD, totp: totpSecret, ...rest });
}

/** The Cookie header of a session as login leaves it (second factor given unless told). */
export async function sessionCookie(sql: Sql, userId: number, secondFactor = true) {
  const { token } = await createSession({ userId, secondFactor }, sql);
  return `kits_session=${token}`;
}

// ——— Proposals ———

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

/** A new designer, with a default name a candidate could have. */
export async function createDesigner(sql: Sql, options: { name?: string; email?: string } = {}) {
  return createPerson(sql, { name: "Alex Candidat", ...options, roles: ["designer"] });
}

/** A contest open for submissions, a designer (or the one given) and their empty draft. */
export async function draftProposal(sql: Sql, options: { ownerId?: number } = {}) {
  const { contest } = await contestWithAdmin(sql);
  const ownerId = options.ownerId ?? (await createDesigner(sql)).id;
  const proposalId = await createProposal({ contestId: contest.id, ownerId, now: duringSubmissions }, sql);
  return { contest, ownerId, proposalId };
}

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

/**
 * A proposal submitted during the submission period (a version, a receipt), its draft completeDraft
 * with `draft` over it; with one ready photo unless `addFiles` adds its files. `eligibleBy` rules it
 * eligible in the review phase, as that admin.
 */
export async function submittedProposal(
  sql: Sql,
  contestId: number,
  options: {
    ownerId?: number;
    draft?: Partial<ProposalDraft>;
    addFiles?: (proposalId: number, ownerId: number) => Promise<unknown>;
    eligibleBy?: number;
  } = {},
) {
  const ownerId = options.ownerId ?? (await createDesigner(sql)).id;
  const proposalId = await createProposal({ contestId, ownerId, now: duringSubmissions }, sql);
  await saveDraft({ proposalId, ownerId, draft: { ...completeDraft, ...options.draft }, now: duringSubmissions }, sql);
  if (options.addFiles) await options.addFiles(proposalId, ownerId);
  else await addReadyPhoto(sql, proposalId);
  const receipt = await submitProposal({ proposalId, ownerId, now: duringSubmissions }, sql);
  if (options.eligibleBy !== undefined) {
    await ruleEligibility({ proposalId, ruling: "eligible", actorId: options.eligibleBy, now: duringReview }, sql);
  }
  return { proposalId, ownerId, receipt };
}

/**
 * A file taken in and processed as in production (receiveUpload, then processUpload), in the given
 * blob store — the test server's own, for HTTP tests — and described if it is a photo. Waits until
 * it is ready: the server's worker may be processing the same job, and the processing is idempotent.
 */
export async function processedFile(
  sql: Sql,
  store: BlobStore,
  input: { proposalId: number; ownerId: number; kind: "photo" | "document"; filename: string; bytes: Buffer; description?: string },
) {
  const file = await receiveUpload(
    {
      proposalId: input.proposalId,
      ownerId: input.ownerId,
      kind: input.kind,
      filename: input.filename,
      stream: Readable.from([input.bytes]),
      now: duringSubmissions,
    },
    { sql, store },
  );
  await processUpload(file.id, { sql, store });
  const { status, refusalReason } = await eventually(
    `le fichier ${file.id} est traité`,
    async () =>
      (await sql<{ status: string; refusalReason: string | null }[]>`select status, refusal_reason from proposal_files where id = ${file.id}`)[0],
    (row) => row.status === "ready" || row.status === "refused",
    60_000,
  );
  if (status === "refused") throw new Error(`fichier refusé : ${refusalReason}`);
  // A photo is described by its candidate before submission, as the proposal page requires.
  if (input.kind === "photo") {
    await describePhoto(
      {
        proposalId: input.proposalId,
        ownerId: input.ownerId,
        fileId: file.id,
        description: input.description ?? "Le kit ouvert sur une table.",
        now: duringSubmissions,
      },
      { sql, store },
    );
  }
  return file.id;
}

/**
 * A proposal written as rows, in the given status (eligible by default), owned by a new person:
 * with a submitted version holding `fields` unless `submitted` is false (then `fields` is only the
 * draft); `draft` overrides the draft when it differs from the submitted version. For the admin's
 * jury tests, which need incomplete entries and statuses at any instant.
 */
export async function createEntry(
  sql: Sql,
  contestId: number,
  options: {
    owner?: { name?: string; email?: string };
    ownerId?: number;
    fields?: Partial<ProposalDraft>;
    draft?: Partial<ProposalDraft>;
    status?: ProposalStatus;
    submitted?: boolean;
  } = {},
) {
  const ownerId = options.ownerId ?? (await createPerson(sql, { email: `p${unique()}@exemple-jury.fr`, ...options.owner })).id;
  const fields: ProposalDraft = { ...emptyDraft, title: `Kit ${unique()}`, themes: ["Réseaux sociaux"], ...options.fields };
  const draft: ProposalDraft = { ...fields, ...options.draft };
  const status = options.status ?? "eligible";
  const submitted = options.submitted ?? status !== "draft";
  const [proposal] = await sql<{ id: number }[]>`
    insert into proposals (contest_id, owner_id, status, title, draft, current_version, ineligibility_reason)
    values (${contestId}, ${ownerId}, ${status}, ${draft.title}, ${sql.json(draft as never)}, ${submitted ? 1 : 0},
            ${status === "ineligible" ? "Hors sujet." : null})
    returning id`;
  if (submitted) {
    const content = { proposal: proposal.id, contest: contestId, version: 1, fields, files: [] };
    await sql`
      insert into proposal_versions (proposal_id, version, draft_revision, receipt_number, submitted_at, submitted_by, content, digest)
      values (${proposal.id}, 1, 0, ${`KIT-2026-${String(100000 + proposal.id)}`}, now(), ${ownerId}, ${sql.json(content as never)},
              ${createHash("sha256").update(String(proposal.id)).digest("hex")})`;
  }
  return { id: proposal.id, ownerId };
}

// ——— The jury ———

/** A juror of the contest as an accepted invitation and enrolment leave them: the role for it, the jurors row, TOTP on (TOTP_SECRET unless given). */
export async function createJuror(
  sql: Sql,
  contestId: number,
  options: { name?: string; email?: string; password?: string; totp?: string; themes?: string[]; maxLoad?: number | null; invitedBy?: number } = {},
): Promise<Person> {
  const seat = await createPerson(sql, {
    name: options.name ?? `Juré ${unique()}`,
    email: options.email,
    password: options.password,
    roles: ["juror"],
    scope: `contest:${contestId}`,
    totp: options.totp ?? true,
  });
  await sql`
    insert into jurors (contest_id, user_id, themes, max_load, invited_by)
    values (${contestId}, ${seat.id}, ${options.themes ?? []}, ${options.maxLoad ?? null}, ${options.invitedBy ?? null})`;
  return seat;
}

export async function declareTie(
  sql: Sql,
  contestId: number,
  userId: number,
  tie: { kind: "organisation" | "email_domain" | "person"; label: string; siret?: string },
) {
  await sql`
    insert into juror_ties (contest_id, user_id, kind, label, siret)
    values (${contestId}, ${userId}, ${tie.kind}, ${tie.label}, ${tie.siret ?? null})`;
}

export async function assign(sql: Sql, proposalId: number, userId: number, contestId: number, createdBy: number | null = null) {
  await sql`
    insert into assignments (proposal_id, user_id, contest_id, created_by) values (${proposalId}, ${userId}, ${contestId}, ${createdBy})
    on conflict do nothing`;
}

/** A review as the juror side stores it ({criterion id: 0–5}); `at` dates it (now by default). */
export async function setReview(
  sql: Sql,
  proposalId: number,
  userId: number,
  status: "in_progress" | "submitted",
  scores: Record<string, number> = {},
  extra: { commentForCandidate?: string; commentForAdmins?: string; at?: Date } = {},
) {
  const at = extra.at ?? new Date();
  await sql`
    insert into reviews (proposal_id, user_id, status, scores, comment_for_admins, comment_for_candidate, submitted_at, updated_at)
    values (${proposalId}, ${userId}, ${status}, ${sql.json(scores)}, ${extra.commentForAdmins ?? ""}, ${extra.commentForCandidate ?? ""},
            ${status === "submitted" ? at : null}, ${at})
    on conflict (proposal_id, user_id) do update
      set status = excluded.status, scores = excluded.scores, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`;
}

export type JuryWorld = {
  contest: Contest;
  adminId: number;
  /** Criterion ids as the reviews key them: usage (weight 2), design (weight 1). */
  usage: string;
  design: string;
  entries: { id: number; ownerId: number; ownerEmail: string; title: string; photoId: number }[];
  jurors: number[];
};

/**
 * A contest taken to its review phase: criteria usage ×2 and design ×1, `entryCount` entries
 * submitted and ruled eligible (one ready photo each), `ineligible` more ruled out, and `jurorCount` jurors.
 */
export async function juryWorld(sql: Sql, options: { entryCount?: number; jurorCount?: number; ineligible?: number } = {}): Promise<JuryWorld> {
  const { contest, adminId } = await contestWithAdmin(sql, juryForms.usageAndDesign);
  const entries: JuryWorld["entries"] = [];
  const eligibleCount = options.entryCount ?? 3;
  for (let i = 0; i < eligibleCount + (options.ineligible ?? 0); i++) {
    const owner = await createDesigner(sql, { name: `Candidat ${i + 1}` });
    const title = `Kit numéro ${i + 1}`;
    let photoId = 0;
    const { proposalId } = await submittedProposal(sql, contest.id, {
      ownerId: owner.id,
      draft: { title, unitPrice: 10_000 + i * 1_000, monthlyCapacity: 100 + i },
      addFiles: async (id) => (photoId = await addReadyPhoto(sql, id)),
    });
    const eligible = i < eligibleCount;
    await ruleEligibility(
      {
        proposalId,
        ruling: eligible ? "eligible" : "ineligible",
        reason: eligible ? undefined : "Le dossier ne respecte pas le règlement.",
        actorId: adminId,
        now: duringReview,
      },
      sql,
    );
    if (eligible) entries.push({ id: proposalId, ownerId: owner.id, ownerEmail: owner.email, title, photoId });
  }
  const jurors: number[] = [];
  for (let j = 0; j < (options.jurorCount ?? 2); j++)
    jurors.push((await createJuror(sql, contest.id, { name: `Juré ${j + 1}`, invitedBy: adminId })).id);
  const [usage, design] = contest.criteria.map((c) => String(c.id));
  return { contest, adminId, usage, design, entries, jurors };
}

/** An assignment made by the world's admin and the juror's review of it, dated in the review phase. */
export async function review(
  sql: Sql,
  world: JuryWorld,
  input: {
    juror: number;
    entry: number;
    scores: Record<string, number>;
    submitted?: boolean;
    commentForCandidate?: string;
    commentForAdmins?: string;
  },
) {
  await assign(sql, input.entry, input.juror, world.contest.id, world.adminId);
  await setReview(sql, input.entry, input.juror, input.submitted === false ? "in_progress" : "submitted", input.scores, {
    commentForCandidate: input.commentForCandidate,
    commentForAdmins: input.commentForAdmins,
    at: duringReview,
  });
}

/**
 * The hand-worked example (criteria usage ×2, design ×1; totals = (2·usage + design) / 3):
 *   juror A: entry 1 → 3 (4, 1), entry 2 → 5 (5, 5), entry 3 → 1 (1, 1)
 *   juror B: entry 1 → 1 (1, 1), entry 2 → 3 (3, 3)
 * Juror A: mean 3, sd 2, z = 0, +1, −1. Juror B: mean 2, sd √2, z = −1/√2, +1/√2.
 * Entry 2: raw 4, z̄ = (1 + 1/√2)/2; entry 1: raw 2, z̄ = −1/(2√2); entry 3: raw 1, z̄ = −1.
 * Entries 1 and 2 have ranges of 2: both flagged. Severity: A +2, B −2.
 * Panel: totals 3, 5, 1, 1, 3 → mean 2.6, sd √2.8. Alpha on units {3, 1}, {5, 3}: D_o = 4, D_e = 16/3, α = 0.25.
 */
export async function handWorkedReviews(sql: Sql, world: JuryWorld) {
  const [a, b] = world.jurors;
  const [e1, e2, e3] = world.entries.map((e) => e.id);
  const { usage, design } = world;
  await review(sql, world, { juror: a, entry: e1, scores: { [usage]: 4, [design]: 1 }, commentForCandidate: "Une belle idée, à simplifier." });
  await review(sql, world, { juror: a, entry: e2, scores: { [usage]: 5, [design]: 5 }, commentForAdmins: "Le meilleur dossier." });
  await review(sql, world, { juror: a, entry: e3, scores: { [usage]: 1, [design]: 1 } });
  await review(sql, world, { juror: b, entry: e1, scores: { [usage]: 1, [design]: 1 } });
  await review(sql, world, { juror: b, entry: e2, scores: { [usage]: 3, [design]: 3 }, commentForCandidate: "Très convaincant." });
}

// ——— Reading back what happened ———

export async function auditOf(sql: Sql, action: string) {
  return sql<{ actorId: number | null; subject: string | null; data: Record<string, unknown> }[]>`
    select actor_id, subject, data from audit_log where action = ${action} order by id`;
}

/** The actions recorded about a subject ('user:12'), oldest first. */
export async function auditActionsAbout(sql: Sql, subject: string) {
  const rows = await sql<{ action: string }[]>`select action from audit_log where subject = ${subject} order by id`;
  return rows.map((r) => r.action);
}

export async function pairsOf(sql: Sql, contestId: number) {
  const rows = await sql<{ proposalId: number; userId: number }[]>`
    select proposal_id, user_id from assignments where contest_id = ${contestId} order by proposal_id, user_id`;
  return rows.map((row) => `${row.proposalId}:${row.userId}`);
}

/** The link in the last e-mail sent to an address. */
export async function lastLinkSentTo(sql: Sql, email: string): Promise<URL | null> {
  const [mail] = await sql<{ textBody: string }[]>`
    select text_body from mail_outbox where to_address = ${email} order by id desc limit 1`;
  const match = mail?.textBody.match(/https?:\/\/\S+/);
  return match ? new URL(match[0]) : null;
}

// ——— Structures ———

/** A SIRET that passes its Luhn key, of the given SIREN or a random one. */
export function validSiret(siren = String(100_000_000 + Math.floor(Math.random() * 800_000_000))): string {
  const base = siren + String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
  for (let key = 0; key <= 9; key++) if (luhnValid(base + key)) return base + key;
  throw new Error("unreachable: one key digit always completes a Luhn number");
}

/**
 * A structure written as a row (its registration has its own tests), in a commune by INSEE code
 * (Rennes unless told) and a status (pending unless told), with one member who registered it
 * (a new person unless `memberId`); `reason` is the rejection's reason or the question asked.
 */
export async function createStructure(
  sql: Sql,
  options: {
    communeCode?: string;
    siret?: string;
    legalName?: string;
    address?: string;
    kind?: string;
    status?: "pending" | "information_requested" | "verified" | "rejected";
    reason?: string;
    memberId?: number;
  } = {},
): Promise<{ id: number; memberId: number; legalName: string }> {
  const memberId = options.memberId ?? (await createPerson(sql, { name: "Membre de la structure" })).id;
  const status = options.status ?? "pending";
  const reason = status === "rejected" || status === "information_requested" ? (options.reason ?? "Pouvez-vous préciser votre activité ?") : null;
  const legalName = options.legalName ?? `Médiathèque ${unique()}`;
  const [structure] = await sql<{ id: number }[]>`
    insert into structures (siret, legal_name, kind, commune_code, address, postal_code, contact_name, contact_phone, status, status_reason, registered_by)
    values (${options.siret ?? validSiret()}, ${legalName}, ${options.kind ?? "library"}, ${options.communeCode ?? "35238"},
            ${options.address ?? "1 place de la Mairie"},
            coalesce((select postal_codes[1] from communes where insee_code = ${options.communeCode ?? "35238"}), '00000'), 'Camille Contact', '0299000000', ${status}, ${reason}, ${memberId})
    returning id`;
  await insertMembership({ userId: memberId, role: "structure", scope: `structure:${structure.id}` }, sql);
  return { id: structure.id, memberId, legalName };
}
