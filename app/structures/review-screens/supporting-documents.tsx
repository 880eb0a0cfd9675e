import type { SupportingDocument } from "../verification-types";

/** The supporting documents the structure's members attached. */
export function SupportingDocuments({ documents }: { documents: SupportingDocument[] }) {
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Justificatifs</h2>
      {documents.length === 0 ? (
        <p>Aucun justificatif n'est joint à cette inscription.</p>
      ) : (
        <ul>
          {documents.map((document) => (
            <li key={document.id}>
              {document.href ? (
                <a className="fr-link" href={document.href}>
                  {document.label}
                </a>
              ) : (
                <>
                  {document.label} ({document.state})
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
