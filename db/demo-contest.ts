// The demo's living contest: open for submissions, with proposals drafted, submitted (twice),
// and withdrawn, photos and a plan processed by the real pipeline.
import { Readable } from "node:stream";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type postgres from "postgres";
import sharp from "sharp";
import { createContest } from "../app/contest/contests.server";
import { defaultAudiences, defaultCriteria, defaultLimits, defaultThemes } from "../app/contest/defaults";
import { describePhoto, processUpload, receiveUpload } from "../app/submissions/proposal-files.server";
import { createProposal, saveDraft, submitProposal, withdrawProposal } from "../app/submissions/proposals.server";
import { emptyDraft, type ProposalDraft } from "../app/submissions/schemas";

const DAY = 86_400_000;

const rules = [
  "Le concours récompense des kits prêts à l'emploi pour accompagner les personnes éloignées du numérique.",
  "Conditions de participation :",
  "- toute personne physique ou morale peut candidater, seule ou en équipe ;",
  "- les plans et contenus pédagogiques des kits lauréats sont publiés sous licence ouverte ;",
  "- le prix unitaire estimé inclut le matériel, la fabrication et l'emballage.",
  "Déroulement :",
  "1. dépôt des propositions sur le portail, modifiables jusqu'à la clôture ;",
  "2. examen de la recevabilité par les gestionnaires du programme ;",
  "3. évaluation anonyme par le jury selon les critères publiés ;",
  "4. délibération et publication des lauréats.",
];

async function userId(sql: postgres.Sql, email: string) {
  const [user] = await sql<{ id: number }[]>`select id from users where email = ${email}`;
  return user.id;
}

/** A picture of a kit (an SVG drawn, then encoded as a camera would: JPEG). */
export async function kitPhoto(label: string, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect width="1600" height="1200" fill="hsl(${hue},45%,88%)"/>
    <rect x="300" y="380" width="1000" height="620" rx="40" fill="hsl(${hue},55%,40%)"/>
    <rect x="650" y="300" width="300" height="110" rx="30" fill="none" stroke="hsl(${hue},55%,30%)" stroke-width="36"/>
    <rect x="420" y="500" width="420" height="300" rx="16" fill="#f5f5f5"/>
    <circle cx="1060" cy="650" r="110" fill="#f5f5f5"/>
    <text x="800" y="1110" font-family="sans-serif" font-size="64" text-anchor="middle" fill="#161616">${label}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function planPdf(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(title, { x: 60, y: 760, size: 20, font, color: rgb(0, 0, 0.57) });
  page.drawText("Plan de montage et fiche technique (démonstration)", { x: 60, y: 720, size: 12, font });
  return Buffer.from(await pdf.save());
}

/** Uploads and processes a file as the candidate's browser would; a photo gets its description, as before a submission. */
export async function attach(input: {
  proposalId: number;
  ownerId: number;
  kind: "photo" | "document";
  filename: string;
  bytes: Buffer;
  now: Date;
  description?: string;
}) {
  const file = await receiveUpload({ ...input, stream: Readable.from([input.bytes]) });
  await processUpload(file.id);
  if (input.description)
    await describePhoto({ proposalId: input.proposalId, ownerId: input.ownerId, fileId: file.id, description: input.description, now: input.now });
}

function draft(fields: Partial<ProposalDraft>): ProposalDraft {
  return { ...emptyDraft, ...fields };
}

export async function seedDemoContest(sql: postgres.Sql) {
  const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from contests`;
  if (count > 0) return;
  const now = new Date();
  const at = (days: number) => new Date(Math.floor((now.getTime() + days * DAY) / 3_600_000) * 3_600_000);
  const admin = await userId(sql, "gestionnaire@demo.kits-inclusion.fr");
  const contest = await createContest(
    {
      title: "Concours d'innovation — Kits d'inclusion numérique 2026",
      slug: "kits-inclusion-2026",
      rules: rules.join("\n"),
      calendar: { submissionsOpenAt: at(-20), submissionsCloseAt: at(25), reviewOpenAt: at(28), reviewCloseAt: at(58), resultsAt: at(72) },
      themes: defaultThemes,
      audiences: defaultAudiences,
      criteria: defaultCriteria,
      limits: defaultLimits,
    },
    admin,
    sql,
  );

  const alex = await userId(sql, "candidat@demo.kits-inclusion.fr");
  const sam = await userId(sql, "candidat2@demo.kits-inclusion.fr");
  const lou = await userId(sql, "candidat3@demo.kits-inclusion.fr");

  // Alex: a complete proposal, submitted, with two photos and a plan.
  const valise = await createProposal({ contestId: contest.id, ownerId: alex, now }, sql);
  await saveDraft(
    {
      proposalId: valise,
      ownerId: alex,
      now,
      draft: draft({
        title: "La valise « Premiers pas en ligne »",
        pitch:
          "Une valise prête à l'emploi : une tablette reconditionnée, des fiches illustrées et six ateliers pour faire ses démarches en ligne en confiance.",
        description:
          "La valise se prête comme un livre. Elle contient une tablette reconditionnée préconfigurée, un guide d'animation et des fiches pas à pas en français facile à lire et à comprendre (FALC).\nSix ateliers d'une heure et demie : allumer et prendre en main, créer une adresse électronique, sécuriser ses comptes, faire une démarche sur service-public.fr, prendre un rendez-vous médical, repérer une fausse information.",
        themes: ["Démarches administratives en ligne", "Consultation médicale à distance", "Vérification de l'information"],
        audiences: ["Personnes âgées", "Personnes non francophones"],
        items: [
          { name: "Tablette 10 pouces reconditionnée", quantity: "1", purpose: "Pratiquer pendant les ateliers" },
          { name: "Fiches pas à pas plastifiées", quantity: "24", purpose: "Refaire seul à la maison" },
          { name: "Guide d'animation", quantity: "1", purpose: "Animer les six ateliers" },
        ],
        unitPrice: 18_950,
        monthlyCapacity: 250,
        leadTimeDays: 21,
        licence: "CC BY-SA 4.0",
        accessibility: "Fiches en FALC, gros caractères, contrastes renforcés ; tablette réglée avec grossissement et lecture d'écran.",
        environment: "Tablettes reconditionnées, valise réparable, fiches imprimées sur papier recyclé.",
        team: [
          { name: "Alex Candidat", role: "Conception pédagogique" },
          { name: "Noa Petit", role: "Design des fiches" },
        ],
        organisationName: "Association Clic Solidaire",
        organisationSiret: "13002526500013",
      }),
    },
    sql,
  );
  await attach({
    proposalId: valise,
    ownerId: alex,
    kind: "photo",
    filename: "valise-ouverte.jpg",
    bytes: await kitPhoto("Valise « Premiers pas en ligne »", 215),
    now,
    description: "La valise ouverte : une tablette posée sur une pile de fiches illustrées.",
  });
  await attach({
    proposalId: valise,
    ownerId: alex,
    kind: "photo",
    filename: "atelier.jpg",
    bytes: await kitPhoto("Atelier en médiathèque", 30),
    now,
    description: "Un atelier en médiathèque : la valise ouverte sur une table.",
  });
  await attach({
    proposalId: valise,
    ownerId: alex,
    kind: "document",
    filename: "plan-de-montage.pdf",
    bytes: await planPdf("La valise « Premiers pas en ligne »"),
    now,
  });
  await submitProposal({ proposalId: valise, ownerId: alex, now }, sql);

  // Alex: a second idea, still a draft.
  const jeu = await createProposal({ contestId: contest.id, ownerId: alex, now }, sql);
  await saveDraft(
    {
      proposalId: jeu,
      ownerId: alex,
      now,
      draft: draft({ title: "Jeu de cartes « Vrai ou faux ? »", themes: ["Vérification de l'information"], audiences: ["Jeunes"] }),
    },
    sql,
  );

  // Sam: submitted, then revised and submitted again (version 2).
  const borne = await createProposal({ contestId: contest.id, ownerId: sam, now }, sql);
  const samDraft = draft({
    title: "Borne mobile « Mes démarches »",
    pitch: "Un chariot avec un ordinateur, un scanner et une imprimante pour accompagner les démarches administratives là où sont les gens.",
    description: "La borne se déplace dans les mairies et les marchés. Elle est livrée avec un parcours d'accompagnement pour les agents.",
    themes: ["Démarches administratives en ligne", "Courrier électronique"],
    audiences: ["Demandeurs d'emploi", "Parents"],
    items: [
      { name: "Chariot aménagé", quantity: "1", purpose: "Transporter le matériel" },
      { name: "Ordinateur portable reconditionné", quantity: "1", purpose: "Faire les démarches" },
      { name: "Scanner de documents", quantity: "1", purpose: "Numériser les pièces justificatives" },
    ],
    unitPrice: 124_000,
    monthlyCapacity: 40,
    leadTimeDays: 45,
    licence: "CERN-OHL-S-2.0",
    accessibility: "Hauteur réglable pour une personne en fauteuil, clavier à grosses touches.",
    environment: "Ordinateur reconditionné, chariot démontable et réparable.",
    team: [{ name: "Sam Conceptrice", role: "Ingénierie" }],
  });
  await saveDraft({ proposalId: borne, ownerId: sam, now, draft: samDraft }, sql);
  await attach({
    proposalId: borne,
    ownerId: sam,
    kind: "photo",
    filename: "borne.jpg",
    bytes: await kitPhoto("Borne mobile « Mes démarches »", 140),
    now,
    description: "Le chariot de la borne mobile, avec son ordinateur et son scanner.",
  });
  await submitProposal({ proposalId: borne, ownerId: sam, now }, sql);
  await saveDraft({ proposalId: borne, ownerId: sam, now, draft: { ...samDraft, leadTimeDays: 30, monthlyCapacity: 60 } }, sql);
  await submitProposal({ proposalId: borne, ownerId: sam, now }, sql);

  // Lou: submitted, then withdrawn.
  const atelier = await createProposal({ contestId: contest.id, ownerId: lou, now }, sql);
  await saveDraft(
    {
      proposalId: atelier,
      ownerId: lou,
      now,
      draft: draft({ title: "Atelier itinérant « Réseaux sociaux sans crainte »", themes: ["Réseaux sociaux"], audiences: ["Jeunes", "Parents"] }),
    },
    sql,
  );
  await withdrawProposal({ proposalId: atelier, ownerId: lou, now }, sql);
}
