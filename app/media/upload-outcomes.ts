// Outcomes of an upload or removal posted without JavaScript, shown back on the proposal page.
export const uploadOutcomes = {
  photo: "Photo reçue : elle est en cours de traitement.",
  document: "Document reçu : il est en cours de vérification.",
  retire: "Le fichier est retiré de la proposition.",
  nature: "Précisez s'il s'agit d'une photo ou d'un document.",
  vide: "Choisissez un fichier à envoyer.",
  plusieurs: "Envoyez un fichier à la fois.",
  malforme: "L'envoi est incomplet ou mal formé : le fichier n'a pas été enregistré. Réessayez.",
  introuvable: "Fichier introuvable.",
  ferme: "La proposition ne peut plus être modifiée : aucun fichier n'a été ajouté.",
  stockage: "Le stockage des fichiers est momentanément indisponible. Réessayez dans quelques instants.",
  "refus-empty": "Le fichier est vide.",
  "refus-type": "Ce fichier n'est pas d'un type accepté : son contenu a été vérifié, pas seulement son nom (photos JPEG, PNG ou WebP ; documents PDF).",
  "refus-too_large": "Le fichier dépasse la taille maximale fixée par le concours.",
  "refus-count": "Le nombre maximal de fichiers de ce type est atteint : retirez-en un avant d'en ajouter.",
} as const;

export type UploadOutcome = keyof typeof uploadOutcomes;

export function isUploadOutcome(value: string | null): value is UploadOutcome {
  return value !== null && Object.hasOwn(uploadOutcomes, value);
}

export function isUploadSuccess(outcome: UploadOutcome) {
  return outcome === "photo" || outcome === "document" || outcome === "retire";
}
