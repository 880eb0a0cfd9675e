import { statusLabels, type FileStatus } from "~/media/media";
import { MAX_STRUCTURE_DOCUMENTS } from "~/structures/document-limits";
import { useRevalidateWhile } from "~/ui/use-revalidate-while";
import type { SpaceItem } from "./structure-section";

const badge: Record<FileStatus, string> = { processing: "fr-badge--info", ready: "fr-badge--success", refused: "fr-badge--error" };

/**
 * The structure's supporting documents (PDF, optional): each with its state and a download once
 * ready; members add and remove them until the structure is verified. Plain forms; with a script,
 * the page refreshes itself while a document is being checked.
 */
export function DocumentsSection({
  structureId,
  documents,
  editable,
}: {
  structureId: number;
  documents: SpaceItem["documents"];
  editable: boolean;
}) {
  useRevalidateWhile(documents.some((d) => d.status === "processing"));
  const counted = documents.filter((d) => d.status !== "refused").length;
  const inputId = `champ-fichier-${structureId}`;
  return (
    <section className="fr-mb-4w" id={`pieces-${structureId}`} aria-labelledby={`pieces-${structureId}-titre`}>
      <h3 className="fr-h5" id={`pieces-${structureId}-titre`}>
        Pièces justificatives ({counted} / {MAX_STRUCTURE_DOCUMENTS})
      </h3>
      <p className="fr-text--sm">
        Facultatives : statuts, avis de situation SIRENE, courrier de la mairie… Elles aident l'instructeur à vérifier la structure.
      </p>
      {documents.length === 0 ? <p>Aucune pièce justificative.</p> : null}
      <ul className="fr-raw-list">
        {documents.map((document) => (
          <li key={document.id} className="fr-mb-2w">
            {document.status === "ready" ? (
              <a href={`/structure/${structureId}/pieces/${document.id}`} download>
                {document.displayName}
              </a>
            ) : (
              document.displayName
            )}{" "}
            <span className={`fr-badge fr-badge--sm ${badge[document.status]}`}>{statusLabels[document.status]}</span>
            {document.pages ? (
              <span className="fr-text--xs">
                {" "}
                — {document.pages} page{document.pages > 1 ? "s" : ""}
              </span>
            ) : null}
            {document.refusalReason ? <p className="fr-error-text fr-mt-1v">{document.refusalReason}</p> : null}
            {editable ? (
              <form method="post" action={`/structure/${structureId}/pieces`} className="fr-mt-1v">
                <input type="hidden" name="fileId" value={document.id} />
                <button className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit">
                  Retirer « {document.displayName} »
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {editable && counted < MAX_STRUCTURE_DOCUMENTS ? (
        <form method="post" encType="multipart/form-data" action={`/structure/${structureId}/pieces`}>
          <div className="fr-upload-group">
            <label className="fr-label" htmlFor={inputId}>
              Ajouter une pièce justificative (facultatif)
              <span className="fr-hint-text">PDF de 10 Mo au plus. Ses métadonnées (auteur, titre…) sont retirées.</span>
            </label>
            <input className="fr-upload" type="file" id={inputId} name="fichier" accept="application/pdf" />
          </div>
          <button className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w" type="submit">
            Envoyer la pièce
          </button>
        </form>
      ) : null}
    </section>
  );
}
