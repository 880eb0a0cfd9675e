// Outcomes of an upload or removal. The page's script reads them as JSON; posted without
// JavaScript, the page shows them from a key in its address (never free text, so a crafted link
// cannot make the portal display a message of someone else's choosing): successes through the
// portal's success notice (`?fait=`), failures through `?fichiers=`.

/** What a success says, by its notice key. */
export const uploadNotices = {
  photo: "Photo reçue : elle est en cours de traitement.",
  document: "Document reçu : il est en cours de vérification.",
  retire: "Le fichier est retiré de la proposition.",
} as const;

/** What a failure says, by its key. */
export const uploadFailures = {
  nature: "Précisez s'il s'agit d'une photo ou d'un document.",
  vide: "Choisissez un fichier à envoyer.",
  plusieurs: "Envoyez un fichier à la fois.",
  malforme: "L'envoi est incomplet ou mal formé : le fichier n'a pas été enregistré. Réessayez.",
  introuvable: "Fichier introuvable.",
  ferme: "La proposition ne peut plus être modifiée : aucun fichier n'a été ajouté.",
  stockage: "Le stockage des fichiers est momentanément indisponible. Réessayez dans quelques instants.",
  "refus-empty": "Le fichier est vide.",
  "refus-type":
    "Ce fichier n'est pas d'un type accepté : son contenu a été vérifié, pas seulement son nom (photos JPEG, PNG ou WebP ; documents PDF).",
  "refus-too_large": "Le fichier dépasse la taille maximale fixée par le concours.",
  "refus-count": "Le nombre maximal de fichiers de ce type est atteint : retirez-en un avant d'en ajouter.",
} as const;

export type UploadFailure = keyof typeof uploadFailures;

export function isUploadFailure(value: string | null): value is UploadFailure {
  return value !== null && Object.hasOwn(uploadFailures, value);
}
