import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatBytes } from "~/infra/blobs/blob-store";
import { formatParis } from "~/infra/paris-time";
import { listOpenDataFiles } from "~/open-data/files.server";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [
  { title: pageTitle("Télécharger les données ouvertes") },
  {
    name: "description",
    content:
      "Les fichiers CSV du programme : enveloppe par département, kits livrés par commune, résultats du concours, grand livre ; leurs colonnes et leurs schémas.",
  },
];

const typeLabels: Record<string, string> = {
  string: "texte",
  integer: "nombre entier",
  number: "nombre décimal",
  date: "date (AAAA-MM-JJ)",
  datetime: "date et heure (ISO 8601, UTC)",
  boolean: "booléen (true ou false)",
};

export async function loader() {
  return { files: await listOpenDataFiles() };
}

export default function OpenDataDownloads() {
  const { files } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Télécharger les données ouvertes</h1>
      <p className="fr-text--lead">
        Où va chaque euro du programme, en fichiers que chacun peut réutiliser : CSV en UTF-8, séparés par des virgules, une ligne d'en-tête, chacun
        décrit par un schéma (Table Schema, JSON). Aucun fichier ne contient de donnée personnelle : ni nom de personne, ni adresse électronique, ni
        numéro de téléphone.
      </p>
      <p>
        Les fichiers sont produits à nouveau quelques minutes après chaque changement de leurs données. Les montants sont en euros, avec les centimes
        après un point (1234.56).
      </p>
      {files.map((entry) => (
        <section key={entry.name} className="fr-mt-6w" aria-labelledby={`fichier-${entry.name}`}>
          <h2 id={`fichier-${entry.name}`}>{entry.title}</h2>
          <p>{entry.description}</p>
          {entry.file ? (
            <p>
              {plural(entry.file.rowCount, "ligne")}, {formatBytes(entry.file.byteSize)}, produit le {formatParis(new Date(entry.file.generatedAt))}{" "}
              (heure de Paris).
            </p>
          ) : (
            <p>Ce fichier n'a pas encore été produit : il le sera dans quelques minutes.</p>
          )}
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {entry.file ? (
              <li>
                <a className="fr-btn" href={`/donnees/fichiers/${entry.name}.csv`} download>
                  Télécharger « {entry.title} » (CSV, {formatBytes(entry.file.byteSize)})
                </a>
              </li>
            ) : null}
            <li>
              <a className="fr-btn fr-btn--secondary" href={`/donnees/fichiers/${entry.name}.schema.json`}>
                Schéma de « {entry.title} » (JSON)
              </a>
            </li>
          </ul>
          <DataTable
            caption={`Colonnes du fichier « ${entry.title} »`}
            headers={["Colonne", "Type", "Description"]}
            rowHeaders
            rows={entry.fields.map((field) => ({
              key: field.name,
              cells: [<code key="name">{field.name}</code>, typeLabels[field.type], field.description],
            }))}
          />
          {entry.primaryKey ? (
            <p className="fr-text--sm">
              Une ligne par valeur de {entry.primaryKey.length > 1 ? "la combinaison " : ""}
              {entry.primaryKey.map((column, index) => (
                <span key={column}>
                  {index > 0 ? ", " : ""}
                  <code>{column}</code>
                </span>
              ))}
              .
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
