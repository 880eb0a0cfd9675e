import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readFormData } from "~/infra/forms";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { phaseLabels } from "~/contest/phase";
import { now } from "~/infra/clock.server";
import { DISAGREEMENT_RANGE } from "~/jury/scoring";
import { outcomeLabels } from "~/jury/decision-schemas";
import { loadDeliberation } from "~/jury/deliberation.server";
import { formatScore, formatSigned } from "~/jury/figures";
import { SealRefused, sealScores } from "~/jury/seal.server";
import { formatEuros } from "~/money/euros";
import { ErrorSummary, Notice } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Délibération — ${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
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
  return { contest: { slug: contest.slug, title: contest.title, reviewCloseAt: contest.calendar.reviewCloseAt }, view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, contest } = await contestFor(request, params.slug);
  const form = await readFormData(request);
  if (form.get("intent") !== "seal") return data({ errors: { _form: "Action inconnue." } }, { status: 400 });
  try {
    await sealScores({ contestId: contest.id, actorId: user.id, now: now() });
  } catch (error) {
    if (error instanceof SealRefused) return data({ errors: { _form: error.message } }, { status: 409 });
    throw error;
  }
  return redirect(`/admin/concours/${contest.slug}/deliberation?scelle=1`);
}

const agreementBadges = {
  strong: { kind: "success", label: "Accord fort" },
  acceptable: { kind: "info", label: "Accord acceptable" },
  weak: { kind: "warning", label: "Accord faible" },
  undefined: { kind: "info", label: "Accord non calculable" },
} as const;

export default function Deliberation() {
  const { contest, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const seal = view.seal;
  const base = `/admin/concours/${contest.slug}/deliberation`;
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={`/admin/concours/${contest.slug}`}>
          {contest.title}
        </Link>
      </p>
      <h1>Délibération</h1>
      <p>
        Phase actuelle : <strong>{phaseLabels[view.phase]}</strong>
      </p>
      {search.get("scelle") ? <Notice kind="success" title="Les notes sont scellées." /> : null}
      {search.get("decision") ? <Notice kind="success" title="La décision est enregistrée." /> : null}
      {search.get("publie") ? (
        <Notice kind="success" title="Les résultats sont publiés.">
          <p>
            Les candidats sont prévenus par courriel ; les kits lauréats sont présentés sur <Link to="/laureats">la page des lauréats</Link>.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={result?.errors} labels={{}} />

      {!seal ? (
        <section className="fr-mb-6w" aria-labelledby="scellement">
          <h2 id="scellement">Sceller les notes</h2>
          {view.canSeal ? (
            <>
              <p>
                L'évaluation est close. Le scellement fige toutes les évaluations soumises : la délibération, les décisions et les notes
                publiées se calculent ensuite sur cet instantané, dont l'empreinte SHA-256 est inscrite au journal d'audit. Plus aucune
                note ne pourra changer ; le scellement ne se refait pas.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="seal" />
                <button className="fr-btn" type="submit">
                  Sceller les notes
                </button>
              </Form>
            </>
          ) : (
            <p>
              Les notes se scellent à la fin de l'évaluation, le {formatParis(new Date(contest.reviewCloseAt))} (heure de Paris). Jusque-là,
              les membres du jury peuvent modifier leurs évaluations.
            </p>
          )}
        </section>
      ) : (
        <>
          <section className="fr-mb-6w" aria-labelledby="scellement">
            <h2 id="scellement">Notes scellées</h2>
            <p>
              Scellées le {formatParis(new Date(seal.sealedAt))}
              {seal.sealedByName ? ` par ${seal.sealedByName}` : ""} : {seal.panel.reviewCount} évaluation{seal.panel.reviewCount > 1 ? "s" : ""} complète
              {seal.panel.reviewCount > 1 ? "s" : ""} sur {seal.ranking.length} proposition{seal.ranking.length > 1 ? "s" : ""} recevable
              {seal.ranking.length > 1 ? "s" : ""}.
            </p>
            <p>
              Empreinte SHA-256 de l'instantané : <code style={{ wordBreak: "break-all" }}>{seal.digest}</code>
            </p>
            {seal.incomplete.length > 0 ? (
              <Notice kind="warning" title="Évaluations incomplètes écartées">
                <ul>
                  {seal.incomplete.map((i) => (
                    <li key={`${i.proposalId}-${i.jurorName}`}>
                      Proposition n° {i.proposalId} : l'évaluation de {i.jurorName} ne note pas tous les critères.
                    </li>
                  ))}
                </ul>
              </Notice>
            ) : null}
          </section>

          <section className="fr-mb-6w" aria-labelledby="accord">
            <h2 id="accord">Accord du jury</h2>
            <p>
              <span className={`fr-badge fr-badge--no-icon fr-badge--${agreementBadges[seal.agreement.level].kind}`}>
                {agreementBadges[seal.agreement.level].label}
              </span>
            </p>
            <p>{seal.agreement.interpretation}</p>
            {seal.agreement.pairableUnits > 0 ? (
              <p className="fr-text--sm">
                Krippendorff, données d'intervalle, sur les notes pondérées de {seal.agreement.pairableUnits} proposition
                {seal.agreement.pairableUnits > 1 ? "s" : ""} évaluée{seal.agreement.pairableUnits > 1 ? "s" : ""} au moins deux fois (
                {seal.agreement.pairableValues} notes).
              </p>
            ) : null}
          </section>

          <section className="fr-mb-6w" aria-labelledby="classement">
            <h2 id="classement">Classement</h2>
            <p className="fr-text--sm">
              Note brute : moyenne pondérée des critères, sur 5. Note normalisée : la même après avoir ramené chaque membre du jury à sa propre
              échelle (scores z), pour qu'un membre sévère et un membre indulgent pèsent autant ; c'est elle qui ordonne le classement.
              Désaccord fort : au moins {DISAGREEMENT_RANGE} points d'écart entre deux évaluations de la même proposition.
            </p>
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>Classement des propositions recevables, calculé sur les notes scellées</caption>
                <thead>
                  <tr>
                    <th scope="col">Rang</th>
                    <th scope="col">Proposition</th>
                    <th scope="col">Candidat</th>
                    <th scope="col">Note brute</th>
                    <th scope="col">Note normalisée</th>
                    <th scope="col">Écart type</th>
                    <th scope="col">Désaccord</th>
                    <th scope="col">Évaluations</th>
                    <th scope="col">Décision</th>
                  </tr>
                </thead>
                <tbody>
                  {seal.ranking.map((entry) => (
                    <tr key={entry.proposalId}>
                      <td>{entry.rank}</td>
                      <th scope="row">
                        <Link to={`${base}/${entry.proposalId}`}>{entry.title}</Link>
                      </th>
                      <td>
                        {entry.candidateName}
                        {entry.organisationName ? ` (${entry.organisationName})` : ""}
                      </td>
                      <td>{formatScore(entry.rawMean)}</td>
                      <td>{formatScore(entry.normalised)}</td>
                      <td>{formatScore(entry.sd)}</td>
                      <td>
                        {entry.disagreement ? (
                          <span className="fr-badge fr-badge--warning fr-badge--sm">Désaccord fort ({formatScore(entry.range)} pts)</span>
                        ) : (
                          "Non"
                        )}
                      </td>
                      <td>{entry.reviewCount}</td>
                      <td>
                        {entry.decision ? (
                          <>
                            <span className={`fr-badge fr-badge--sm fr-badge--${entry.decision.outcome === "laureate" ? "success" : "info"}`}>
                              {outcomeLabels[entry.decision.outcome]}
                            </span>
                            {entry.decision.finalUnitPriceCents !== null ? <> {formatEuros(entry.decision.finalUnitPriceCents)}</> : null}
                          </>
                        ) : (
                          "À décider"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="fr-mb-6w" aria-labelledby="membres">
            <h2 id="membres">Membres du jury</h2>
            <p className="fr-text--sm">
              Sévérité : écart moyen entre les notes du membre et celles des autres membres sur les mêmes propositions (négatif : plus sévère
              que le reste du jury ; positif : plus indulgent).
            </p>
            <div className="fr-table fr-table--no-caption">
              <table>
                <caption>Notes des membres du jury : moyenne, dispersion et sévérité relative</caption>
                <thead>
                  <tr>
                    <th scope="col">Membre du jury</th>
                    <th scope="col">Évaluations</th>
                    <th scope="col">Moyenne</th>
                    <th scope="col">Dispersion (écart type)</th>
                    <th scope="col">Sévérité</th>
                  </tr>
                </thead>
                <tbody>
                  {seal.jurors.map((juror) => (
                    <tr key={juror.userId}>
                      <th scope="row">{juror.name}</th>
                      <td>{juror.count}</td>
                      <td>{formatScore(juror.mean)}</td>
                      <td>{formatScore(juror.sd)}</td>
                      <td>{formatSigned(juror.severity)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="fr-mb-6w" aria-labelledby="publication">
            <h2 id="publication">Publication des résultats</h2>
            {view.publication ? (
              <p>
                Résultats publiés le {formatParis(new Date(view.publication.publishedAt))}
                {view.publication.publishedByName ? ` par ${view.publication.publishedByName}` : ""}.{" "}
                <Link to="/laureats">Voir la page des lauréats</Link>
              </p>
            ) : (
              <>
                <p>
                  {view.decidedCount} décision{view.decidedCount > 1 ? "s" : ""} prise{view.decidedCount > 1 ? "s" : ""} ;{" "}
                  {view.undecided.length === 0
                    ? "toutes les propositions recevables ont leur décision."
                    : `${view.undecided.length} proposition${view.undecided.length > 1 ? "s" : ""} en attente de décision.`}
                </p>
                {view.canPublish ? (
                  <Link className="fr-btn" to={`${base}/publication`}>
                    Publier les résultats…
                  </Link>
                ) : null}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
