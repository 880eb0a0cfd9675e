import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { findKit } from "~/catalogue/catalogue.server";
import { KitPhotoImage, KitStateBadge, TagList } from "~/catalogue/kit-view";
import { KitFeedbackView } from "~/feedback/feedback-view";
import { publishedFeedbackOfKit } from "~/feedback/feedback.server";
import { withDomainErrors } from "~/http/answers.server";
import { formatInteger } from "~/media/media";
import { formatEuros } from "~/money/euros";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.kit.title ?? "Kit introuvable", "Le catalogue des kits") },
  ...(data ? [{ name: "description", content: data.kit.pitch }] : []),
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ params }: LoaderFunctionArgs) => {
  const found = await findKit(params.slug);
  return { ...found, feedback: await publishedFeedbackOfKit(found.kit.id) };
});

export default function CatalogueKit() {
  const { kit, campaign, feedback } = useLoaderData<typeof loader>();
  const [first, ...others] = kit.photos;
  const alt = (index: number) => `Photo ${index + 1} du kit ${kit.title}`;
  return (
    <div className="fr-container fr-my-6w">
      <BackLink to="/catalogue">Le catalogue des kits</BackLink>
      <h1>{kit.title}</h1>
      {kit.organisationName ? <p className="fr-text--sm">Conçu par {kit.organisationName}</p> : null}
      <KitStateBadge state={kit.state} />
      {campaign ? <p className="fr-text--sm">Dans la campagne « {campaign.name} ».</p> : null}
      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        {first ? (
          <div className="fr-col-12 fr-col-md-5">
            <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters">
              <li className="fr-col-12">
                <KitPhotoImage proposalId={kit.proposalId} photo={first} variant="medium" fallbackAlt={alt(0)} />
              </li>
              {others.map((photo, index) => (
                <li key={photo.id} className="fr-col-6">
                  <KitPhotoImage proposalId={kit.proposalId} photo={photo} variant="thumbnail" fallbackAlt={alt(index + 1)} lazy />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className={`fr-col-12${first ? " fr-col-md-7" : ""}`}>
          <p className="fr-text--lead">{kit.pitch}</p>
          <dl>
            <dt className="fr-text--bold">Thèmes</dt>
            <dd className="fr-ml-0">
              <TagList values={kit.themes} />
            </dd>
            <dt className="fr-text--bold">Publics</dt>
            <dd className="fr-ml-0 fr-mb-2w">{kit.audiences.join(", ")}</dd>
            <dt className="fr-text--bold">Prix unitaire</dt>
            <dd className="fr-ml-0 fr-mb-2w">{formatEuros(kit.unitPriceCents)}</dd>
            <dt className="fr-text--bold">Délai de fabrication</dt>
            <dd className="fr-ml-0 fr-mb-2w">{kit.leadTimeDays === null ? "Non précisé" : plural(kit.leadTimeDays, "jour")}</dd>
            {kit.licence ? (
              <>
                <dt className="fr-text--bold">Licence des plans et contenus</dt>
                <dd className="fr-ml-0 fr-mb-2w">{kit.licence}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>

      {kit.description ? (
        <>
          <h2 className="fr-mt-4w">Présentation</h2>
          <p style={{ whiteSpace: "pre-line" }}>{kit.description}</p>
        </>
      ) : null}

      <h2 className="fr-mt-4w">Contenu du kit</h2>
      {kit.items.length === 0 ? (
        <p>Le contenu détaillé n'est pas précisé.</p>
      ) : (
        <DataTable
          caption={`Contenu du kit ${kit.title}`}
          hideCaption
          headers={["Élément", "Quantité", "Usage"]}
          rowHeaders
          rows={kit.items.map((item, index) => ({ key: index, cells: [item.name, item.quantity, item.purpose || "—"] }))}
        />
      )}

      <h2 className="fr-mt-4w">Plans et documents ouverts</h2>
      {kit.documents.length === 0 ? (
        <p>Aucun document n'accompagne ce kit.</p>
      ) : (
        <ul>
          {kit.documents.map((document) => (
            <li key={document.id}>
              <a className="fr-link fr-icon-download-line fr-link--icon-right" href={`/catalogue/${kit.slug}/documents/${document.id}`} download>
                {document.name}
                <span className="fr-text--xs fr-ml-1w">{`(PDF${document.pages ? `, ${formatInteger(document.pages)} page${document.pages > 1 ? "s" : ""}` : ""})`}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {kit.licence && kit.documents.length > 0 ? (
        <p>Ces documents sont publiés sous la licence {kit.licence} : vous pouvez les réutiliser et fabriquer le kit.</p>
      ) : null}

      <h2 className="fr-mt-4w">Où le fabriquer</h2>
      {kit.coverage.length === 0 ? (
        <p>
          Aucun fabricant ne fabrique encore ce kit. Fablabs, tiers-lieux, entreprises ou le lauréat lui-même peuvent{" "}
          <Link to="/fabricant/inscription">s'inscrire comme fabricant</Link> et demander à le fabriquer.
        </p>
      ) : (
        <>
          <p>
            {`${plural(kit.makers, "fabricant")} ${kit.makers >= 2 ? "fabriquent" : "fabrique"} ce kit et le ${kit.makers >= 2 ? "livrent" : "livre"} dans ${plural(kit.coverage.length, "département")} :`}
          </p>
          <ul className="fr-mb-4w">
            {kit.coverage.map((departement) => (
              <li key={departement.code}>{`${departement.name} (${departement.code}) — ${plural(departement.makers, "fabricant")}`}</li>
            ))}
          </ul>
        </>
      )}

      <h2 className="fr-mt-4w">Retours des structures</h2>
      <KitFeedbackView feedback={feedback} headingLevel="h3" />
      <p>
        <Link to="/catalogue">Retour au catalogue</Link>
      </p>
    </div>
  );
}
