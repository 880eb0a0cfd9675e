// The four open-data files and their Table Schemas (https://specs.frictionlessdata.io/table-schema/):
// what each column holds, in what type, and which columns identify a row. The same descriptions
// feed the JSON schema served beside each file and the download page.

export type FieldType = "string" | "integer" | "number" | "date" | "datetime" | "boolean";

export type SchemaField = {
  name: string;
  type: FieldType;
  title: string;
  description: string;
  format?: "default";
  constraints?: { required?: boolean; unique?: boolean; pattern?: string; minimum?: number; enum?: string[] };
};

export type OpenDataSet = {
  name: OpenDataName;
  title: string;
  /** What a person reads on the download page before the columns. */
  description: string;
  fields: SchemaField[];
  primaryKey?: string[];
};

export const openDataNames = ["allocations-departements", "livraisons-communes", "resultats-concours", "grand-livre"] as const;
export type OpenDataName = (typeof openDataNames)[number];

export function isOpenDataName(name: string): name is OpenDataName {
  return (openDataNames as readonly string[]).includes(name);
}

const EUROS = "Montant en euros, les centimes en décimales après un point (par exemple 1234.56) : un nombre exact au centime.";
const DEPARTEMENT_CODE = "^([0-9]{2}|2[AB]|97[1-6])$";

const campaign: SchemaField = {
  name: "campagne",
  type: "integer",
  title: "Campagne",
  description: "Numéro de la campagne de distribution.",
  constraints: { required: true, minimum: 1 },
};

const departementCode: SchemaField = {
  name: "code_departement",
  type: "string",
  title: "Code du département",
  description: "Code officiel géographique (INSEE) du département : 01 à 95, 2A, 2B, 971 à 976.",
  constraints: { required: true, pattern: DEPARTEMENT_CODE },
};

const euros = (name: string, title: string, description: string, required = true): SchemaField => ({
  name,
  type: "number",
  title,
  description: `${description} ${EUROS}`,
  constraints: { required },
});

const sets: Record<OpenDataName, OpenDataSet> = {
  "allocations-departements": {
    name: "allocations-departements",
    title: "Enveloppe par département",
    description:
      "Pour chaque campagne et chaque département : le poids qui a servi au partage de l'enveloppe nationale, le plafond attribué, puis ce que les commandes en ont réservé, engagé et dépensé.",
    primaryKey: ["campagne", "code_departement"],
    fields: [
      campaign,
      {
        name: "nom_campagne",
        type: "string",
        title: "Nom de la campagne",
        description: "Nom de la campagne de distribution.",
        constraints: { required: true },
      },
      departementCode,
      { name: "nom_departement", type: "string", title: "Département", description: "Nom du département.", constraints: { required: true } },
      {
        name: "poids",
        type: "integer",
        title: "Poids",
        description:
          "Poids du département dans le partage, en nombre entier : sa population, ou le poids d'une table importée dont les décimales sont multipliées par une puissance de 10 (ce qui ne change aucune part). Le montant réparti entre les départements (plafond national moins la réserve initiale, voir le grand livre) est partagé au prorata des poids, au centime, par la méthode des plus forts restes, restes égaux départagés dans l'ordre des codes INSEE.",
        constraints: { required: true, minimum: 0 },
      },
      {
        name: "au_plancher",
        type: "boolean",
        title: "Relevé au plancher",
        description: "true si la part proportionnelle du département était inférieure au plancher et qu'il a reçu le plancher.",
        format: "default",
        constraints: { required: true },
      },
      euros("plancher_euros", "Plancher", "Part minimale de chaque département dans cette campagne (0 : aucun plancher)."),
      euros("plafond_initial_euros", "Plafond initial", "Part attribuée au département par le partage, avant tout mouvement."),
      euros("plafond_euros", "Plafond", "Plafond du département aujourd'hui : sa part initiale et les mouvements du grand livre."),
      euros("reserve_euros", "Réservé", "Montant des commandes soumises, en attente de décision."),
      euros("engage_euros", "Engagé", "Montant des commandes approuvées, pas encore livrées."),
      euros("depense_euros", "Dépensé", "Valeur des kits reçus dont le service fait est attesté."),
    ],
  },
  "livraisons-communes": {
    name: "livraisons-communes",
    title: "Kits livrés par commune",
    description:
      "Les kits reçus par les structures de proximité, par commune, par kit et par jour de service fait (la réception attestée par la structure). Aucune structure n'y est nommée.",
    primaryKey: ["campagne", "code_commune", "kit", "date_service_fait"],
    fields: [
      campaign,
      {
        name: "code_commune",
        type: "string",
        title: "Code INSEE de la commune",
        description: "Code officiel géographique (INSEE) de la commune de la structure qui a reçu les kits.",
        constraints: { required: true, pattern: "^([0-9]{2}|2[AB])[0-9]{3}$" },
      },
      { name: "nom_commune", type: "string", title: "Commune", description: "Nom de la commune.", constraints: { required: true } },
      departementCode,
      {
        name: "kit",
        type: "integer",
        title: "Numéro du kit",
        description: "Numéro du kit au catalogue.",
        constraints: { required: true, minimum: 1 },
      },
      { name: "titre_kit", type: "string", title: "Kit", description: "Titre du kit lauréat.", constraints: { required: true } },
      { name: "unites", type: "integer", title: "Kits reçus", description: "Nombre de kits reçus.", constraints: { required: true, minimum: 0 } },
      euros("montant_euros", "Montant", "Valeur des kits reçus au prix unitaire de la commande."),
      {
        name: "date_service_fait",
        type: "date",
        title: "Date du service fait",
        description: "Jour (heure de Paris) où la structure a attesté la réception : la dépense est alors inscrite au grand livre.",
        format: "default",
        constraints: { required: true },
      },
    ],
  },
  "resultats-concours": {
    name: "resultats-concours",
    title: "Résultats du concours",
    description:
      "Les kits lauréats de chaque concours publié, leur rang et les notes moyennes du jury, une ligne par kit et par critère. Comme sur la page des lauréats : le titre du kit et l'organisation qui le porte, aucun nom de personne.",
    primaryKey: ["concours", "proposition", "critere"],
    fields: [
      { name: "concours", type: "string", title: "Concours", description: "Identifiant du concours (son adresse).", constraints: { required: true } },
      { name: "titre_concours", type: "string", title: "Titre du concours", description: "Titre du concours.", constraints: { required: true } },
      {
        name: "publie_le",
        type: "datetime",
        title: "Publication",
        description: "Instant de la publication des résultats (UTC, ISO 8601).",
        format: "default",
        constraints: { required: true },
      },
      {
        name: "proposition",
        type: "integer",
        title: "Numéro de la proposition",
        description: "Numéro de la proposition lauréate, celui de son adresse sur la page des lauréats.",
        constraints: { required: true, minimum: 1 },
      },
      { name: "titre_kit", type: "string", title: "Kit", description: "Titre du kit lauréat.", constraints: { required: true } },
      {
        name: "organisation",
        type: "string",
        title: "Organisation",
        description: "Nom de l'organisation qui porte le kit, tel que publié sur la page des lauréats (vide si aucun).",
      },
      {
        name: "rang",
        type: "integer",
        title: "Rang",
        description: "Rang du kit parmi les lauréats du concours, par note globale décroissante (ex aequo : même rang).",
        constraints: { required: true, minimum: 1 },
      },
      {
        name: "note_globale",
        type: "number",
        title: "Note globale",
        description: "Moyenne pondérée des notes du jury, sur 5 (vide sans évaluation).",
        constraints: { minimum: 0 },
      },
      {
        name: "evaluations",
        type: "integer",
        title: "Évaluations",
        description: "Nombre d'évaluations du jury.",
        constraints: { required: true, minimum: 0 },
      },
      { name: "critere", type: "string", title: "Critère", description: "Identifiant du critère.", constraints: { required: true } },
      { name: "libelle_critere", type: "string", title: "Libellé du critère", description: "Libellé du critère.", constraints: { required: true } },
      {
        name: "poids_critere",
        type: "number",
        title: "Poids du critère",
        description: "Poids du critère dans la note globale.",
        constraints: { required: true, minimum: 0 },
      },
      {
        name: "note_critere",
        type: "number",
        title: "Note du critère",
        description: "Moyenne des notes du jury pour ce critère, sur 5 (vide sans évaluation).",
        constraints: { minimum: 0 },
      },
    ],
  },
  "grand-livre": {
    name: "grand-livre",
    title: "Grand livre de l'enveloppe",
    description:
      "Chaque écriture qui a déplacé de l'argent entre le plafond national, sa réserve et les départements : le partage initial, les mouvements entre comptes, puis les réservations, engagements, libérations et dépenses des commandes. La somme des écritures d'un compte donne ses montants du fichier de l'enveloppe par département.",
    primaryKey: ["ecriture"],
    fields: [
      { name: "ecriture", type: "integer", title: "Écriture", description: "Numéro de l'écriture.", constraints: { required: true, unique: true } },
      campaign,
      {
        name: "mouvement",
        type: "integer",
        title: "Mouvement",
        description: "Numéro du mouvement : les écritures passées ensemble (un déplacement prend à un compte et donne à un autre) le partagent.",
        constraints: { required: true },
      },
      {
        name: "nature",
        type: "string",
        title: "Nature",
        description:
          "partage (attribution initiale des plafonds et de la réserve), deplacement (entre deux comptes), reservation, engagement, liberation, depense (l'argent d'une commande).",
        constraints: { required: true, enum: ["partage", "deplacement", "reservation", "engagement", "liberation", "depense"] },
      },
      {
        ...departementCode,
        description: `${departementCode.description} Vide : la réserve nationale.`,
        constraints: { pattern: DEPARTEMENT_CODE },
      },
      euros("plafond_euros", "Variation du plafond", "Ce que l'écriture ajoute au plafond du compte (négatif : ce qu'elle retire)."),
      euros("reserve_euros", "Variation du réservé", "Ce que l'écriture ajoute au montant réservé du département."),
      euros("engage_euros", "Variation de l'engagé", "Ce que l'écriture ajoute au montant engagé du département."),
      euros("depense_euros", "Variation du dépensé", "Ce que l'écriture ajoute au montant dépensé du département."),
      {
        name: "commande",
        type: "integer",
        title: "Commande",
        description: "Numéro de la commande dont l'argent bouge (vide pour le partage et les déplacements).",
        constraints: { minimum: 1 },
      },
      {
        name: "date",
        type: "datetime",
        title: "Date",
        description: "Instant de l'écriture (UTC, ISO 8601).",
        format: "default",
        constraints: { required: true },
      },
    ],
  },
};

export function openDataSet(name: OpenDataName): OpenDataSet {
  return sets[name];
}

export const openDataSets: readonly OpenDataSet[] = openDataNames.map(openDataSet);

/** The Table Schema served as <name>.schema.json. */
export function tableSchema(name: OpenDataName) {
  const set = sets[name];
  return {
    name: set.name,
    title: set.title,
    description: set.description,
    fields: set.fields,
    ...(set.primaryKey ? { primaryKey: set.primaryKey } : {}),
    missingValues: [""],
  };
}

/** The header row of a file: the schema's field names, in order. */
export function columnsOf(name: OpenDataName): string[] {
  return sets[name].fields.map((field) => field.name);
}

/** Cents as a Table Schema number in euros: 123456 → "1234.56", -5 → "-0.05". */
export function eurosDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
