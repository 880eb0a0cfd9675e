// The programme's own lists, offered by default to every new contest.
export const defaultThemes = [
  "Réseaux sociaux",
  "Protection des données personnelles",
  "Achats en ligne",
  "Consultation médicale à distance",
  "Télétravail",
  "Vérification de l'information",
  "Démarches administratives en ligne",
  "Courrier électronique",
];

export const defaultAudiences = [
  "Personnes âgées",
  "Jeunes",
  "Personnes en situation de handicap",
  "Personnes non francophones",
  "Demandeurs d'emploi",
  "Parents",
];

export const defaultCriteria = [
  { label: "Pertinence pédagogique", description: "Le kit répond-il aux besoins des publics éloignés du numérique ?", weight: 30 },
  { label: "Facilité de prise en main", description: "Une structure peut-elle l'utiliser sans formation longue ?", weight: 25 },
  { label: "Accessibilité", description: "Le kit est-il utilisable par des personnes en situation de handicap ?", weight: 20 },
  { label: "Coût et reproductibilité", description: "Prix unitaire, plans ouverts, fabrication locale possible.", weight: 15 },
  { label: "Sobriété environnementale", description: "Réemploi, réparabilité, matériel reconditionné.", weight: 10 },
];

export const defaultLimits = {
  maxPhotos: 10,
  maxPhotoBytes: 15 * 1024 * 1024,
  maxPhotoPixels: 40_000_000,
  maxDocuments: 5,
  maxDocumentBytes: 25 * 1024 * 1024,
};
