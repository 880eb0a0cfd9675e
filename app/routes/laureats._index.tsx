import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatParis } from "~/infra/paris-time";
import { formatScore } from "~/results/figures";
import { listPublishedResults } from "~/results/publication.server";
import { derivativeSize } from "~/media/media";
import { formatEuros } from "~/money/euros";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [
  { title: pageTitle("Les kits lauréats") },
  {
    name: "description",
    content: "Les kits d'inclusion numérique retenus par le jury du concours d'innovation : photos, contenu, prix et motivation du jury.",
  },
];

// Conditional GETs (ETag, 304) are answered for every public page by entry.server.tsx.
export async function loader() {
  return { contests: await listPublishedResults() };
}

export default function Laureates() {
  const { contests } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Les kits lauréats</h1>
      <p className="fr-text--lead">
        Les kits retenus par le jury du concours d'innovation. Leurs plans sont publiés sous licence ouverte ; les structures de proximité pourront
        les commander.
      </p>
      {contests.length === 0 ? <p>Aucun résultat n'est encore publié. Revenez après la délibération du jury.</p> : null}
      {contests.map((contest) => (
        <section key={contest.contestId} className="fr-mb-8w" aria-labelledby={`concours-${contest.contestId}`}>
          <h2 id={`concours-${contest.contestId}`}>{contest.title}</h2>
          <p>
            Résultats publiés le {formatParis(new Date(contest.publishedAt))} — {plural(contest.laureates.length, "kit lauréat", "kits lauréats")}.
          </p>
          {contest.laureates.map((kit) => (
            <article key={kit.proposalId} className="fr-mb-6w" aria-labelledby={`kit-${kit.proposalId}`}>
              <h3 id={`kit-${kit.proposalId}`}>{kit.title}</h3>
              {kit.organisationName ? <p className="fr-text--sm">Porté par {kit.organisationName}</p> : null}
              <div className="fr-grid-row fr-grid-row--gutters">
                {kit.photos.length > 0 ? (
                  <div className="fr-col-12 fr-col-md-5">
                    <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters">
                      {kit.photos.map((photo, index) => {
                        const variant = index === 0 ? "medium" : "thumbnail";
                        const size = photo.width && photo.height ? derivativeSize(photo.width, photo.height, variant) : { width: 800, height: 600 };
                        const url = (v: string) => `/laureats/${kit.proposalId}/photos/${photo.id}/${v}`;
                        return (
                          <li key={photo.id} className={index === 0 ? "fr-col-12" : "fr-col-6"}>
                            <a className="fr-raw-link" href={url("large")}>
                              <img
                                src={url(variant)}
                                alt={photo.description ?? `Photo ${index + 1} de « ${kit.title} », sans description`}
                                width={size.width}
                                height={size.height}
                                loading={index === 0 ? undefined : "lazy"}
                                style={{ width: "100%", height: "auto" }}
                              />
                              <span className="fr-sr-only"> (agrandir)</span>
                            </a>
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ) : null}
                <div className={`fr-col-12${kit.photos.length > 0 ? " fr-col-md-7" : ""}`}>
                  <p className="fr-text--lead">{kit.pitch}</p>
                  <dl>
                    <dt className="fr-text--bold">Thèmes</dt>
                    <dd className="fr-ml-0">
                      <ul className="fr-tags-group">
                        {kit.themes.map((theme) => (
                          <li key={theme}>
                            <p className="fr-tag">{theme}</p>
                          </li>
                        ))}
                      </ul>
                    </dd>
                    <dt className="fr-text--bold">Publics</dt>
                    <dd className="fr-ml-0 fr-mb-2w">{kit.audiences.join(", ")}</dd>
                    <dt className="fr-text--bold">Prix unitaire</dt>
                    <dd className="fr-ml-0 fr-mb-2w">{formatEuros(kit.finalUnitPriceCents)}</dd>
                    {kit.licence ? (
                      <>
                        <dt className="fr-text--bold">Licence des plans et contenus</dt>
                        <dd className="fr-ml-0 fr-mb-2w">{kit.licence}</dd>
                      </>
                    ) : null}
                  </dl>
                  <div className="fr-callout fr-my-3w">
                    <h4 className="fr-callout__title">Motivation du jury</h4>
                    <p className="fr-callout__text">{kit.motivation}</p>
                  </div>
                </div>
              </div>
              {kit.means.length > 0 && kit.reviewCount > 0 ? (
                <DataTable
                  caption={`Notes du jury pour ${kit.title} : moyennes sur 5 (${plural(kit.reviewCount, "évaluation")})`}
                  headers={["Critère", "Note moyenne"]}
                  rowHeaders
                  rows={[
                    ...kit.means.map((m) => ({ key: m.criterion, cells: [m.criterion, formatScore(m.mean)] })),
                    { key: "globale", cells: ["Note globale pondérée", formatScore(kit.overall)] },
                  ]}
                />
              ) : null}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
