import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listCatalogue } from "~/catalogue/catalogue.server";
import { KitPhotoImage, KitStateBadge, TagList } from "~/catalogue/kit-view";
import { catalogueFiltersSchema } from "~/catalogue/schemas";
import { withDomainErrors } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { Select } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [
  { title: pageTitle("Le catalogue des kits") },
  {
    name: "description",
    content: "Les kits d'inclusion numérique lauréats que les structures de proximité peuvent commander : photos, thèmes, publics et prix unitaire.",
  },
];

// Conditional GETs (ETag, 304) are answered for every public page by entry.server.tsx.
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const query = readQuery(request, catalogueFiltersSchema);
  return listCatalogue({ theme: query.theme, audience: query.public, departement: query.departement });
});

export default function CatalogueIndex() {
  const { campaign, kits, themes, audiences, departements, filters } = useLoaderData<typeof loader>();
  const filtered = filters.theme !== null || filters.audience !== null || filters.departement !== null;
  const selects = [
    {
      label: "Thème",
      name: "theme",
      defaultValue: filters.theme ?? "",
      placeholder: "Tous les thèmes",
      options: themes.map((t) => ({ value: t, label: t })),
    },
    {
      label: "Public",
      name: "public",
      defaultValue: filters.audience ?? "",
      placeholder: "Tous les publics",
      options: audiences.map((a) => ({ value: a, label: a })),
    },
    {
      label: "Fabriqué dans le département",
      name: "departement",
      defaultValue: filters.departement ?? "",
      placeholder: "Tous les départements",
      options: departements.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
    },
  ];
  return (
    <div className="fr-container fr-my-6w">
      <h1>Le catalogue des kits</h1>
      <p className="fr-text--lead">
        Les kits lauréats du concours d'innovation, prêts à l'emploi, avec leurs plans sous licence ouverte. Les structures de proximité les
        commandent dans la limite de la dotation de leur département.
      </p>
      {campaign ? (
        <p>
          Kits commandables dans la campagne « {campaign.name} », du {formatParis(new Date(campaign.opensAt))} au{" "}
          {formatParis(new Date(campaign.closesAt))} (heure de Paris). <Link to="/distribution">Qui peut commander</Link>
        </p>
      ) : (
        <p>
          Aucune campagne de commande n'est encore ouverte : voici les kits du catalogue et leur état. <Link to="/distribution">La distribution</Link>
        </p>
      )}
      {selects.some((select) => select.options.length > 0) ? (
        <FilterForm label="Filtrer les kits" className="fr-mb-4w" buttonColumn="fr-col-12 fr-col-md-3">
          {selects.map((select) => (
            <div key={select.name} className="fr-col-12 fr-col-md-3">
              <Select {...select} />
            </div>
          ))}
        </FilterForm>
      ) : null}
      <p role="status">
        {kits.length === 0
          ? filtered
            ? "Aucun kit ne correspond à ces filtres."
            : campaign
              ? "Aucun kit n'est encore proposé à la commande dans cette campagne."
              : "Le catalogue est encore vide : les kits lauréats y entreront après la publication des résultats."
          : plural(kits.length, "kit")}
        {filtered && kits.length > 0 ? " correspondant aux filtres" : null}
        {filtered ? (
          <>
            {" — "}
            <Link to="/catalogue">Voir tous les kits</Link>
          </>
        ) : null}
      </p>
      <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters">
        {kits.map((kit) => (
          <li key={kit.slug} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-card fr-enlarge-link">
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h2 className="fr-card__title">
                    <Link to={`/catalogue/${kit.slug}`}>{kit.title}</Link>
                  </h2>
                  <p className="fr-card__desc">{kit.pitch}</p>
                  <div className="fr-card__start">
                    <TagList values={kit.themes} />
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail">Pour : {kit.audiences.join(", ")}</p>
                    <p className="fr-card__detail fr-text--bold">Prix unitaire : {formatEuros(kit.unitPriceCents)}</p>
                    <p className="fr-card__detail">
                      {kit.coverage.length === 0
                        ? "Aucun fabricant pour l'instant"
                        : `Fabriqué dans ${plural(kit.coverage.length, "département")} par ${plural(kit.makers, "fabricant")}`}
                    </p>
                    {campaign ? null : <KitStateBadge state={kit.state} />}
                  </div>
                </div>
              </div>
              {kit.photos[0] ? (
                <div className="fr-card__header">
                  <div className="fr-card__img">
                    <KitPhotoImage
                      className="fr-responsive-img"
                      proposalId={kit.proposalId}
                      photo={kit.photos[0]}
                      variant="medium"
                      fallbackAlt={`Photo du kit ${kit.title}`}
                      lazy
                    />
                  </div>
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
