import type { SupportingDocument } from "../verification-types";

/** The supporting documents the structure attached at registration (filled once the registration's documents are wired in). */
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
              <a className="fr-link" href={document.href}>
                {document.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
