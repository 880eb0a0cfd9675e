import type { EntryFile } from "~/jury/reviews.server";
import { ProposalSummary } from "~/submissions/proposal-summary";
import type { ProposalDraft } from "~/submissions/schemas";

/** The proposal as a juror may see it: anonymised fields, processed photos and documents under neutral names. */
export function EntryContent({ entryId, fields, files }: { entryId: number; fields: ProposalDraft; files: EntryFile[] }) {
  const photos = files.filter((f) => f.kind === "photo");
  const documents = files.filter((f) => f.kind === "document");
  const fileUrl = (id: number, variant: string) => `/jury/entrees/${entryId}/fichiers/${id}/${variant}`;
  return (
    <>
      <section className="fr-mt-4w" aria-labelledby="proposition">
        <h2 id="proposition">La proposition</h2>
        <p className="fr-text--sm">Les propositions sont anonymes : l'équipe et l'organisation du candidat ne vous sont pas communiquées.</p>
        <ProposalSummary draft={fields} showIdentity={false} />
      </section>

      <section className="fr-mt-4w" aria-labelledby="photos">
        <h2 id="photos">Photos</h2>
        {photos.length === 0 ? (
          <p>Aucune photo.</p>
        ) : (
          <ul className="fr-raw-list">
            {photos.map((photo) => {
              // The candidate's description is the alternative; without one, the page says so rather than invent it.
              const alt = photo.description ?? `${photo.label} du kit, sans description du candidat`;
              return (
                <li key={photo.id} className="fr-mb-2w">
                  <a href={fileUrl(photo.id, "large")} target="_blank" rel="noopener" title={`${alt} (agrandir) — nouvelle fenêtre`}>
                    <img src={fileUrl(photo.id, "medium")} alt={alt} style={{ maxWidth: "100%", height: "auto", maxHeight: 320 }} />
                    <span className="fr-sr-only"> (agrandir)</span>
                  </a>
                  <p className="fr-text--sm fr-mb-0">{photo.label}</p>
                </li>
              );
            })}
          </ul>
        )}
        <h2 id="documents">Documents</h2>
        {documents.length === 0 ? (
          <p>Aucun document.</p>
        ) : (
          <ul>
            {documents.map((doc) => (
              <li key={doc.id}>
                <a className="fr-link fr-icon-download-line fr-link--icon-right" href={fileUrl(doc.id, "clean")} download>
                  {doc.label} (PDF{doc.pages ? `, ${doc.pages} page${doc.pages > 1 ? "s" : ""}` : ""})
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
