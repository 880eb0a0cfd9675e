import { Link } from "@remix-run/react";
import { formatParis } from "~/infra/paris-time";
import type { DeliberationPage } from "~/results/deliberation.server";
import { plural } from "~/ui/plural";

/** Once published, when and by whom; before, how many decisions remain and the way to publish. */
export function PublicationSection({ view, base }: { view: DeliberationPage; base: string }) {
  return (
    <section className="fr-mb-6w" aria-labelledby="publication">
      <h2 id="publication">Publication des résultats</h2>
      {view.publication ? (
        <p>
          Résultats publiés le {formatParis(new Date(view.publication.publishedAt))}
          {view.publication.publishedByName ? ` par ${view.publication.publishedByName}` : ""}. <Link to="/laureats">Voir la page des lauréats</Link>
        </p>
      ) : (
        <>
          <p>
            {plural(view.decidedCount, "décision prise", "décisions prises")} ;{" "}
            {view.undecidedCount === 0
              ? "toutes les propositions recevables ont leur décision."
              : `${plural(view.undecidedCount, "proposition", "propositions")} en attente de décision.`}
          </p>
          {view.canPublish ? (
            <Link className="fr-btn" to={`${base}/publication`}>
              Publier les résultats…
            </Link>
          ) : null}
        </>
      )}
    </section>
  );
}
