// The demo's jury: a contest in its review phase (jurors, assignments, some scores submitted, the
// demo juror with entries still to score) and an earlier contest whose results are published
// (sealed, decided, laureates with photos on /laureats, the candidates' e-mails in the outbox).
// Every date is relative to now, so the demo always shows these phases.
import type postgres from "postgres";
import { createContest, type Contest } from "../app/contest/contests.server";
import { defaultAudiences, defaultCriteria, defaultLimits, defaultThemes } from "../app/contest/defaults";
import { recordDecision } from "../app/results/decisions.server";
import { publishResults } from "../app/results/publication.server";
import { sealScores } from "../app/results/seal.server";
import { createProposal, ruleEligibility, saveDraft, submitProposal } from "../app/submissions/proposals.server";
import { emptyDraft, type ProposalDraft } from "../app/submissions/schemas";
import { attach, kitPhoto } from "./demo-contest";

const DAY = 86_400_000;

export const demoJurors = [
  { email: "jury@demo.kits-inclusion.fr", name: "Dominique Juré" }, // created by seed.ts, with TOTP
  { email: "jury2@demo.kits-inclusion.fr", name: "Claude Évaluateur" },
  { email: "jury3@demo.kits-inclusion.fr", name: "Inès Médiatrice" },
  { email: "jury4@demo.kits-inclusion.fr", name: "Marc Fabmanager" },
];

const extraDesigners = [
  { email: "candidat4@demo.kits-inclusion.fr", name: "Nour Fabrique" },
  { email: "candidat5@demo.kits-inclusion.fr", name: "Élise Médiatrice numérique" },
];

/** `photo`: the description of the kit's photo (its alternative text). */
type Kit = { owner: string; hue: number; photo: string; fields: Partial<ProposalDraft> };

function kit(fields: Partial<ProposalDraft>): ProposalDraft {
  return {
    ...emptyDraft,
    licence: "CC BY-SA 4.0",
    leadTimeDays: 21,
    accessibility: "Fiches en français facile à lire et à comprendre, gros caractères, contrastes renforcés.",
    environment: "Matériel reconditionné, pièces remplaçables, emballage réutilisable.",
    ...fields,
  };
}

// The contest whose results are published.
const pilotKits: Kit[] = [
  {
    owner: "candidat@demo.kits-inclusion.fr",
    hue: 200,
    photo: "Un coffret ouvert : des fiches cartonnées rangées par démarche.",
    fields: {
      title: "Le coffret « Mes papiers en ligne »",
      pitch:
        "Un coffret pour apprendre, en six séances, à faire ses démarches administratives en ligne : scanner un justificatif, créer son compte, suivre un dossier.",
      description:
        "Le coffret contient une tablette reconditionnée, un mini-scanner et un jeu de cartes « pas à pas » pour les démarches les plus fréquentes.",
      themes: ["Démarches administratives en ligne", "Protection des données personnelles"],
      audiences: ["Personnes âgées", "Demandeurs d'emploi"],
      items: [
        { name: "Tablette reconditionnée", quantity: "1", purpose: "Faire les démarches" },
        { name: "Mini-scanner", quantity: "1", purpose: "Numériser les justificatifs" },
        { name: "Cartes pas à pas", quantity: "30", purpose: "Refaire seul" },
      ],
      unitPrice: 21_000,
      monthlyCapacity: 150,
      team: [{ name: "Alex Candidat", role: "Conception" }],
      organisationName: "Association Clic Solidaire",
      organisationSiret: "13002526500013",
    },
  },
  {
    owner: "candidat3@demo.kits-inclusion.fr",
    hue: 35,
    photo: "Un plateau de jeu déplié, avec ses cartes « vrai » et « faux ».",
    fields: {
      title: "Jeu de plateau « Vrai ou faux ? »",
      pitch: "Un jeu coopératif pour apprendre à vérifier une information en ligne, à jouer en médiathèque ou en centre social, de 8 à 88 ans.",
      description: "Plateau, 120 cartes tirées de vraies publications, un guide d'animation et des fiches sur les réflexes de vérification.",
      themes: ["Vérification de l'information", "Réseaux sociaux"],
      audiences: ["Jeunes", "Parents", "Personnes âgées"],
      items: [
        { name: "Plateau de jeu", quantity: "1", purpose: "Jouer à plusieurs" },
        { name: "Cartes publications", quantity: "120", purpose: "S'exercer à vérifier" },
      ],
      unitPrice: 6_450,
      monthlyCapacity: 400,
      licence: "Licence Ouverte 2.0 (Etalab)",
      team: [{ name: "Lou Tiers-Lieu", role: "Game design" }],
    },
  },
  {
    owner: "candidat2@demo.kits-inclusion.fr",
    hue: 300,
    photo: "Une tablette sur un support, prête pour un appel en visio.",
    fields: {
      title: "Kit « Visio en famille »",
      pitch: "Un écran simplifié et un support pour appeler ses proches en vidéo depuis un EHPAD ou à domicile.",
      description: "Écran tactile reconditionné dans un support stable, une seule application, un guide pour les aidants.",
      themes: ["Réseaux sociaux", "Consultation médicale à distance"],
      audiences: ["Personnes âgées"],
      items: [{ name: "Écran tactile reconditionné", quantity: "1", purpose: "Appeler en vidéo" }],
      unitPrice: 32_000,
      monthlyCapacity: 60,
      team: [{ name: "Sam Conceptrice", role: "Ingénierie" }],
    },
  },
];

// The contest in its review phase.
const sessionKits: Kit[] = [
  {
    owner: "candidat@demo.kits-inclusion.fr",
    hue: 215,
    photo: "Une mallette ouverte : une tablette et des fiches sur la santé en ligne.",
    fields: {
      title: "Mallette « Santé en ligne »",
      pitch:
        "Prendre un rendez-vous, ouvrir son espace santé, faire une téléconsultation : une mallette pour les ateliers en maison France Services.",
      description: "Une tablette, une webcam, un casque et cinq scénarios d'atelier avec un guide pour l'animateur.",
      themes: ["Consultation médicale à distance", "Démarches administratives en ligne"],
      audiences: ["Personnes âgées", "Personnes en situation de handicap"],
      items: [{ name: "Tablette reconditionnée", quantity: "1", purpose: "Pratiquer" }],
      unitPrice: 24_500,
      monthlyCapacity: 120,
      team: [{ name: "Alex Candidat", role: "Conception" }],
    },
  },
  {
    owner: "candidat2@demo.kits-inclusion.fr",
    hue: 120,
    photo: "Des cartes d'atelier étalées sur une table, autour d'un faux site marchand.",
    fields: {
      title: "Atelier « Acheter en ligne sans se faire avoir »",
      pitch: "Une boutique factice et des scénarios pour apprendre à repérer les arnaques et à payer en sécurité.",
      description: "Un site marchand d'entraînement hors ligne sur une clé, des cartes bancaires factices et dix défis.",
      themes: ["Achats en ligne", "Protection des données personnelles"],
      audiences: ["Jeunes", "Personnes âgées"],
      items: [{ name: "Clé avec la boutique d'entraînement", quantity: "1", purpose: "S'exercer sans risque" }],
      unitPrice: 4_900,
      monthlyCapacity: 500,
      team: [{ name: "Sam Conceptrice", role: "Développement" }],
    },
  },
  {
    owner: "candidat3@demo.kits-inclusion.fr",
    hue: 20,
    photo: "Une boîte ouverte : des exercices rangés du plus simple au plus avancé.",
    fields: {
      title: "Boîte « Premier courriel »",
      pitch: "Créer son adresse, écrire, joindre une photo : une boîte d'exercices progressifs pour un premier usage du courriel.",
      description: "Des fiches progressives, un carnet pour noter ses identifiants en sécurité et un guide pour les bénévoles.",
      themes: ["Courrier électronique"],
      audiences: ["Personnes non francophones", "Personnes âgées"],
      items: [{ name: "Fiches progressives", quantity: "20", purpose: "Apprendre pas à pas" }],
      unitPrice: 2_900,
      monthlyCapacity: 800,
      team: [{ name: "Lou Tiers-Lieu", role: "Pédagogie" }],
    },
  },
  {
    owner: "candidat4@demo.kits-inclusion.fr",
    hue: 260,
    photo: "Un poste nomade : un ordinateur portable, un casque et une clé 4G dans une sacoche.",
    fields: {
      title: "Poste nomade « Télétravail facile »",
      pitch: "Un poste complet et reconditionné, prêté avec un parcours pour découvrir la visioconférence et le travail à distance.",
      description: "Ordinateur portable reconditionné, casque, guide de découverte des outils collaboratifs libres.",
      themes: ["Télétravail"],
      audiences: ["Demandeurs d'emploi", "Parents"],
      items: [{ name: "Ordinateur portable reconditionné", quantity: "1", purpose: "Travailler à distance" }],
      unitPrice: 38_000,
      monthlyCapacity: 40,
      team: [{ name: "Nour Fabrique", role: "Fabrication" }],
      organisationName: "Fablab des Combrailles",
      organisationSiret: "83214578900018",
    },
  },
  {
    owner: "candidat5@demo.kits-inclusion.fr",
    hue: 160,
    photo: "Un jeu de cartes illustrées sur les réglages des réseaux sociaux.",
    fields: {
      title: "Cartes « Mes réseaux, mes règles »",
      pitch: "Un jeu de cartes pour régler la confidentialité de ses réseaux sociaux et parler du harcèlement en ligne.",
      description: "Soixante cartes situations, un livret pour l'animateur et des affiches pour la salle.",
      themes: ["Réseaux sociaux", "Protection des données personnelles"],
      audiences: ["Jeunes", "Parents"],
      items: [{ name: "Cartes situations", quantity: "60", purpose: "Débattre et régler ses paramètres" }],
      unitPrice: 1_900,
      monthlyCapacity: 1_000,
      team: [{ name: "Élise Médiatrice numérique", role: "Animation" }],
    },
  },
];

async function usersByEmail(sql: postgres.Sql, emails: string[]) {
  const rows = await sql<{ id: number; email: string }[]>`select id, email from users where email in ${sql(emails)}`;
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Demo accounts the jury needs beyond seed.ts's: three more jurors and two more designers, same password. */
async function ensureAccounts(sql: postgres.Sql) {
  const [{ passwordHash }] = await sql<{ passwordHash: string }[]>`select password_hash from users where email = 'jury@demo.kits-inclusion.fr'`;
  const accounts = [...demoJurors.slice(1).map((j) => ({ ...j, role: "juror" })), ...extraDesigners.map((d) => ({ ...d, role: "designer" }))];
  for (const account of accounts) {
    const [user] = await sql<{ id: number }[]>`
      insert into users (email, name, password_hash, email_confirmed_at) values (${account.email}, ${account.name}, ${passwordHash}, now())
      on conflict (email) do nothing returning id`;
    if (user) await sql`insert into memberships (user_id, role) values (${user.id}, ${account.role}) on conflict do nothing`;
  }
}

async function submitKits(sql: postgres.Sql, contest: Contest, kits: Kit[], when: Date, owners: Map<string, number>) {
  const ids: number[] = [];
  for (const entry of kits) {
    const ownerId = owners.get(entry.owner)!;
    const proposalId = await createProposal({ contestId: contest.id, ownerId, now: when }, sql);
    const fields = kit(entry.fields);
    await saveDraft({ proposalId, ownerId, now: when, draft: fields }, sql);
    await attach({
      proposalId,
      ownerId,
      kind: "photo",
      filename: "kit.jpg",
      bytes: await kitPhoto(fields.title, entry.hue),
      now: when,
      description: entry.photo,
    });
    await submitProposal({ proposalId, ownerId, now: when }, sql);
    ids.push(proposalId);
  }
  return ids;
}

async function seatJurors(sql: postgres.Sql, contest: Contest, jurors: number[], adminId: number, tiesDeclaredAt: Date) {
  for (const userId of jurors) {
    await sql`insert into memberships (user_id, role, scope, granted_by) values (${userId}, 'juror', ${`contest:${contest.id}`}, ${adminId}) on conflict do nothing`;
    await sql`insert into jurors (contest_id, user_id, invited_by, invited_at, ties_declared_at) values (${contest.id}, ${userId}, ${adminId}, ${tiesDeclaredAt}, ${tiesDeclaredAt})`;
  }
}

/** Scores for a review: `level` (0–5) on every criterion, nudged by the criterion's rank so reviews are not flat. */
function scoresFor(contest: Contest, level: number, spread: number[] = [0, 1, -1, 0, 1]) {
  return Object.fromEntries(contest.criteria.map((c, i) => [String(c.id), Math.max(0, Math.min(5, level + (spread[i % spread.length] ?? 0)))]));
}

type PlannedReview = { entry: number; juror: number; level?: number; state: "submitted" | "in_progress" | "assigned"; comment?: string };

async function assignAndReview(sql: postgres.Sql, contest: Contest, adminId: number, plan: PlannedReview[], at: Date) {
  for (const item of plan) {
    await sql`insert into assignments (proposal_id, user_id, contest_id, created_by, created_at) values (${item.entry}, ${item.juror}, ${contest.id}, ${adminId}, ${at})`;
    if (item.state === "assigned") continue;
    const scores =
      item.state === "submitted" ? scoresFor(contest, item.level ?? 3) : Object.fromEntries([[String(contest.criteria[0].id), item.level ?? 3]]);
    await sql`
      insert into reviews (proposal_id, user_id, status, scores, comment_for_admins, comment_for_candidate, submitted_at, updated_at)
      values (${item.entry}, ${item.juror}, ${item.state}, ${sql.json(scores)}, '', ${item.comment ?? ""},
              ${item.state === "submitted" ? at : null}, ${at})`;
  }
}

/** Adds the jury's two contests to the demo (nothing if they are there already). Needs seed.ts's accounts and admin. */
export async function seedDemoJury(sql: postgres.Sql) {
  const [existing] = await sql`select 1 from contests where slug in ('kits-inclusion-pilote', 'kits-inclusion-session-1')`;
  if (existing) return;
  await ensureAccounts(sql);
  const now = new Date();
  const at = (days: number) => new Date(Math.floor((now.getTime() + days * DAY) / 3_600_000) * 3_600_000);
  const users = await usersByEmail(sql, [
    "gestionnaire@demo.kits-inclusion.fr",
    ...demoJurors.map((j) => j.email),
    "candidat@demo.kits-inclusion.fr",
    "candidat2@demo.kits-inclusion.fr",
    "candidat3@demo.kits-inclusion.fr",
    ...extraDesigners.map((d) => d.email),
  ]);
  const adminId = users.get("gestionnaire@demo.kits-inclusion.fr")!;
  const jurors = demoJurors.map((j) => users.get(j.email)!);
  const [dominique, claude, ines, marc] = jurors;
  const common = { themes: defaultThemes, audiences: defaultAudiences, criteria: defaultCriteria, limits: defaultLimits, rules: "" };

  // 1. The pilot contest, results published.
  const pilot = await createContest(
    {
      ...common,
      title: "Concours pilote — Kits d'inclusion numérique",
      slug: "kits-inclusion-pilote",
      rules: "Le concours pilote a sélectionné les premiers kits d'inclusion numérique distribués aux structures de proximité.",
      calendar: { submissionsOpenAt: at(-150), submissionsCloseAt: at(-110), reviewOpenAt: at(-105), reviewCloseAt: at(-80), resultsAt: at(-70) },
    },
    adminId,
    sql,
  );
  const [coffret, jeu, visio] = await submitKits(sql, pilot, pilotKits, at(-130), users);
  for (const proposalId of [coffret, jeu, visio]) {
    await ruleEligibility({ proposalId, ruling: "eligible", actorId: adminId, now: at(-104) }, sql);
  }
  await seatJurors(sql, pilot, jurors, adminId, at(-104));
  await assignAndReview(
    sql,
    pilot,
    adminId,
    [
      {
        entry: coffret,
        juror: dominique,
        level: 4,
        state: "submitted",
        comment: "Très utile en maison France Services ; les cartes sont remarquables.",
      },
      { entry: coffret, juror: claude, level: 4, state: "submitted" },
      { entry: coffret, juror: ines, level: 5, state: "submitted" },
      { entry: jeu, juror: claude, level: 4, state: "submitted", comment: "Un jeu qui fait parler, bravo." },
      { entry: jeu, juror: ines, level: 3, state: "submitted" },
      { entry: jeu, juror: marc, level: 4, state: "submitted" },
      { entry: visio, juror: dominique, level: 2, state: "submitted", comment: "Le support doit être plus stable pour un usage en EHPAD." },
      { entry: visio, juror: ines, level: 3, state: "submitted" },
      { entry: visio, juror: marc, level: 1, state: "submitted" },
    ],
    at(-90),
  );
  await sealScores({ contestId: pilot.id, actorId: adminId, now: at(-79) }, sql);
  const decide = (proposalId: number, decision: Parameters<typeof recordDecision>[0]["decision"]) =>
    recordDecision({ contestId: pilot.id, proposalId, decision, actorId: adminId, now: at(-75) }, sql);
  await decide(coffret, {
    outcome: "laureate",
    motivation: "Le jury salue un coffret complet, directement utilisable en maison France Services, et des cartes pas à pas d'une grande clarté.",
    finalUnitPriceCents: 19_900,
    finalMonthlyCapacity: 150,
  });
  await decide(jeu, {
    outcome: "laureate",
    motivation:
      "Un jeu coopératif qui fait parler les participants de tous âges et transmet des réflexes de vérification durables, pour un coût très modeste.",
    finalUnitPriceCents: 6_450,
    finalMonthlyCapacity: 400,
  });
  await decide(visio, {
    outcome: "not_retained",
    motivation: "Le besoin est réel, mais le support proposé n'est pas encore assez stable ni assez simple pour un usage autonome en établissement.",
    finalUnitPriceCents: null,
    finalMonthlyCapacity: null,
  });
  await publishResults({ contestId: pilot.id, actorId: adminId, now: at(-70) }, sql);

  // 2. The first session, in its review phase: submissions closed, scores coming in.
  const session = await createContest(
    {
      ...common,
      title: "Concours d'innovation — Kits d'inclusion numérique, première session",
      slug: "kits-inclusion-session-1",
      rules: "Première session du concours : les propositions recevables sont en cours d'évaluation par le jury.",
      calendar: { submissionsOpenAt: at(-60), submissionsCloseAt: at(-15), reviewOpenAt: at(-12), reviewCloseAt: at(10), resultsAt: at(20) },
    },
    adminId,
    sql,
  );
  const entries = await submitKits(sql, session, sessionKits, at(-30), users);
  for (const proposalId of entries) await ruleEligibility({ proposalId, ruling: "eligible", actorId: adminId, now }, sql);
  await seatJurors(sql, session, jurors, adminId, at(-11));
  await sql`
    insert into juror_ties (contest_id, user_id, kind, label)
    values (${session.id}, ${dominique}, 'organisation', 'Médiathèque départementale du Cantal')`;
  const [sante, achats, courriel, teletravail, cartes] = entries;
  // Three reviews per entry, loads 4/4/4/3; the demo juror has one submitted, one in progress, two to do.
  await assignAndReview(
    sql,
    session,
    adminId,
    [
      { entry: sante, juror: dominique, level: 4, state: "submitted", comment: "Des scénarios très concrets." },
      { entry: courriel, juror: dominique, level: 3, state: "in_progress" },
      { entry: teletravail, juror: dominique, state: "assigned" },
      { entry: cartes, juror: dominique, state: "assigned" },
      { entry: sante, juror: claude, level: 4, state: "submitted" },
      { entry: achats, juror: claude, level: 3, state: "submitted" },
      { entry: teletravail, juror: claude, level: 2, state: "submitted" },
      { entry: cartes, juror: claude, level: 4, state: "submitted" },
      { entry: sante, juror: ines, level: 5, state: "submitted" },
      { entry: achats, juror: ines, level: 4, state: "submitted" },
      { entry: courriel, juror: ines, level: 3, state: "submitted" },
      { entry: cartes, juror: ines, state: "assigned" },
      { entry: achats, juror: marc, level: 2, state: "submitted" },
      { entry: courriel, juror: marc, level: 4, state: "submitted" },
      { entry: teletravail, juror: marc, level: 3, state: "in_progress" },
    ],
    at(-5),
  );
}
