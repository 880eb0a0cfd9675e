import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { now } from "~/infra/clock.server";
import { parseForm, readFormData } from "~/infra/forms";
import { publicationSchema } from "~/jury/decision-schemas";
import { loadDeliberation } from "~/jury/deliberation.server";
import { PublicationRefused, publishResults } from "~/jury/publication.server";
import { formatEuros } from "~/money/euros";
import { ErrorSummary, Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Publier les résultats — ${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
];

async function contestFor(request: Request, slug: string | undefined) {
  const user = await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(slug ?? "");
  if (!contest) notFound("Concours introuvable");
  return { user, contest };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contest } = await contestFor(request, params.slug);
  const view = await loadDeliberation(contest, now());
  const ranking = view.seal?.ranking ?? [];
  return {
    contest: { slug: contest.slug, title: contest.title },
    sealed: view.seal !== null,
    publication: view.publication,
    undecided: view.undecided,
    laureates: ranking
      .filter((e) => e.decision?.outcome === "laureate")
      .map((e) => ({ id: e.proposalId, title: e.title, candidate: e.candidateName, price: e.decision!.finalUnitPriceCents!, capacity: e.decision!.finalMonthlyCapacity! })),
    notRetained: ranking.filter((e) => e.decision?.outcome === "not_retained").length,
    mails: ranking.filter((e) => e.decision !== null).length,
    canPublish: view.canPublish,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, contest } = await contestFor(request, params.slug);
  const form = parseForm(await readFormData(request), publicationSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  try {
    await publishResults({ contestId: contest.id, actorId: user.id, now: now() });
  } catch (error) {
    if (error instanceof PublicationRefused) {
      const errors: FieldErrors = { _form: error.message };
      return data({ errors }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/admin/concours/${contest.slug}/deliberation?publie=1`);
}

export default function Publication() {
  const { contest, sealed, publication, undecided, laureates, notRetained, mails, canPublish } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={`/admin/concours/${contest.slug}/deliberation`}>
          Délibération
        </Link>
      </p>
      <h1>Publier les résultats</h1>
      <ErrorSummary errors={result?.errors} labels={{ confirm: "Confirmation" }} />
      {publication ? (
        <Notice kind="info" title="Les résultats sont déjà publiés">
          <p>
            Publiés le {formatParis(new Date(publication.publishedAt))}
            {publication.publishedByName ? ` par ${publication.publishedByName}` : ""} : une publication ne se refait pas.{" "}
            <Link to="/laureats">Voir la page des lauréats</Link>
          </p>
        </Notice>
      ) : !sealed ? (
        <Notice kind="warning" title="Les notes ne sont pas encore scellées">
          <p>Scellez les notes et prenez une décision sur chaque proposition recevable avant de publier.</p>
        </Notice>
      ) : (
        <>
          {undecided.length > 0 ? (
            <Notice kind="warning" title="Des propositions attendent leur décision">
              <ul>
                {undecided.map((u) => (
                  <li key={u.proposalId}>
                    <Link to={`/admin/concours/${contest.slug}/deliberation/${u.proposalId}`}>{u.title || "(sans titre)"}</Link>
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          <p>
            La publication est définitive : les décisions ne pourront plus être modifiées, les statuts des propositions deviennent « Lauréate »
            ou « Non retenue », les kits lauréats apparaissent sur la page publique des lauréats et {mails} candidat{mails > 1 ? "s" : ""}{" "}
            reçoi{mails > 1 ? "vent" : "t"} un courriel avec la décision et sa motivation.
          </p>
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Kits lauréats qui seront publiés</caption>
              <thead>
                <tr>
                  <th scope="col">Kit</th>
                  <th scope="col">Candidat</th>
                  <th scope="col">Prix unitaire final</th>
                  <th scope="col">Capacité mensuelle</th>
                </tr>
              </thead>
              <tbody>
                {laureates.length === 0 ? (
                  <tr>
                    <td colSpan={4}>Aucun lauréat.</td>
                  </tr>
                ) : (
                  laureates.map((l) => (
                    <tr key={l.id}>
                      <th scope="row">{l.title}</th>
                      <td>{l.candidate}</td>
                      <td>{formatEuros(l.price)}</td>
                      <td>{l.capacity.toLocaleString("fr-FR")} kits</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          <p>
            {notRetained} proposition{notRetained > 1 ? "s" : ""} non retenue{notRetained > 1 ? "s" : ""}.
          </p>
          {canPublish ? (
            <Form method="post" noValidate>
              <fieldset
                className={`fr-fieldset${result?.errors && "confirm" in result.errors ? " fr-fieldset--error" : ""}`}
                id="champ-confirm"
                aria-labelledby="champ-confirm-legend"
              >
                <legend className="fr-fieldset__legend" id="champ-confirm-legend">
                  Confirmation
                </legend>
                <div className="fr-fieldset__element">
                  <div className="fr-checkbox-group">
                    <input type="checkbox" id="confirm" name="confirm" value="oui" />
                    <label className="fr-label" htmlFor="confirm">
                      Je confirme la publication définitive des résultats du concours « {contest.title} »
                    </label>
                  </div>
                </div>
              </fieldset>
              <button className="fr-btn" type="submit">
                Publier les résultats
              </button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
