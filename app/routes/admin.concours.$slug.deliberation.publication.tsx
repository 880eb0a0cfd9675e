import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { publicationSchema } from "~/results/decision-schemas";
import { contestToDeliberate, loadDeliberation } from "~/results/deliberation.server";
import { publishResults } from "~/results/publication.server";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Notice, SubmitButton } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Publier les résultats", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  const view = await loadDeliberation(contest, now());
  const ranking = view.seal?.ranking ?? [];
  return {
    contest: { slug: contest.slug, title: contest.title },
    sealed: view.seal !== null,
    publication: view.publication,
    undecided: view.undecided,
    laureates: ranking
      .filter((e) => e.decision?.outcome === "laureate")
      .map((e) => ({
        id: e.proposalId,
        title: e.title,
        candidate: e.candidateName,
        price: e.decision!.finalUnitPriceCents!,
        capacity: e.decision!.finalMonthlyCapacity!,
      })),
    notRetained: ranking.filter((e) => e.decision?.outcome === "not_retained").length,
    mails: ranking.filter((e) => e.decision !== null).length,
    canPublish: view.canPublish,
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  await form.parse(publicationSchema);
  await publishResults({ contestId: contest.id, actorId: user.id, now: now() });
  return redirectWithNotice(`/admin/concours/${contest.slug}/deliberation`, "publies");
});

export default function Publication() {
  const { contest, sealed, publication, undecided, laureates, notRetained, mails, canPublish } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink to={`/admin/concours/${contest.slug}/deliberation`}>Délibération</BackLink>
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
            La publication est définitive : les décisions ne pourront plus être modifiées, les statuts des propositions deviennent « Lauréate » ou «
            Non retenue », les kits lauréats apparaissent sur la page publique des lauréats et {mails} candidat{mails > 1 ? "s" : ""} reçoi
            {mails > 1 ? "vent" : "t"} un courriel avec la décision et sa motivation.
          </p>
          {laureates.length === 0 ? (
            <p>Aucun lauréat.</p>
          ) : (
            <DataTable
              caption="Kits lauréats qui seront publiés"
              hideCaption
              headers={["Kit", "Candidat", "Prix unitaire final", "Capacité mensuelle"]}
              rowHeaders
              rows={laureates.map((l) => ({
                key: l.id,
                cells: [l.title, l.candidate, formatEuros(l.price), `${l.capacity.toLocaleString("fr-FR")} kits`],
              }))}
            />
          )}
          <p>{plural(notRetained, "proposition non retenue", "propositions non retenues")}.</p>
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
              <SubmitButton>Publier les résultats</SubmitButton>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
