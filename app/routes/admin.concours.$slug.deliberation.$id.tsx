import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { weightShares } from "~/contest/weights";
import { now } from "~/infra/clock.server";
import { parseForm, readFormData } from "~/infra/forms";
import { decisionFieldLabels, decisionSchema, outcomeLabels } from "~/jury/decision-schemas";
import { DecisionEntryNotFound, DecisionRefused, findDecisionEntry, recordDecision } from "~/jury/decisions.server";
import { loadEntryDeliberation } from "~/jury/deliberation.server";
import { centsForInput, formatScore, formatSigned } from "~/jury/figures";
import { formatEuros } from "~/money/euros";
import { statusLabels } from "~/submissions/statuses";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import { TextArea } from "~/ui/fields";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Décision — ${data?.entry.fields.title || "Proposition"} — Administration — Kits d'inclusion numérique` },
];

async function load(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(params.slug ?? "");
  const id = recordId.safeParse(params.id);
  if (!contest || !id.success) notFound("Proposition introuvable");
  try {
    return { user, contest, entry: await findDecisionEntry(contest.id, id.data) };
  } catch (error) {
    if (error instanceof DecisionEntryNotFound) notFound("Proposition introuvable");
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contest, entry } = await load(request, params);
  const { view, entry: figures, reviews } = await loadEntryDeliberation(contest, entry.proposalId, now());
  const criteria = view.seal?.criteria ?? [];
  const shares = weightShares(criteria.map((c) => c.weight));
  return {
    contest: { slug: contest.slug, title: contest.title },
    entry,
    figures,
    reviews,
    criteria: criteria.map((c, i) => ({ id: c.id, label: c.label, share: shares[i] })),
    sealed: view.seal !== null,
    publication: view.publication,
    canDecide: view.canDecide,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, contest, entry } = await load(request, params);
  const form = parseForm(await readFormData(request), decisionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await recordDecision({ contestId: contest.id, proposalId: entry.proposalId, decision: form.data, actorId: user.id, now: now() });
  } catch (error) {
    if (error instanceof DecisionRefused) {
      const errors: FieldErrors = { _form: error.message };
      return data({ errors, values: {} as Record<string, string> }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/admin/concours/${contest.slug}/deliberation?decision=${entry.proposalId}#classement`);
}

export default function EntryDecision() {
  const { contest, entry, figures, reviews, criteria, sealed, publication, canDecide } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  const decision = entry.decision;
  const outcome = values.outcome ?? decision?.outcome ?? "";
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={`/admin/concours/${contest.slug}/deliberation`}>
          Délibération
        </Link>
      </p>
      <h1>{entry.fields.title || "(sans titre)"}</h1>
      <p>
        Proposition n° {entry.proposalId} — candidat : {entry.candidateName}
        {entry.fields.organisationName ? ` (${entry.fields.organisationName})` : ""} — statut : <strong>{statusLabels[entry.status]}</strong>
      </p>
      <p>{entry.fields.pitch}</p>

      {figures ? (
        <section className="fr-mb-6w" aria-labelledby="notes">
          <h2 id="notes">Notes scellées</h2>
          <p>
            Rang <strong>{figures.rank}</strong> — note brute {formatScore(figures.rawMean)}, note normalisée {formatScore(figures.normalised)}, écart
            type {formatScore(figures.sd)}, {figures.reviewCount} évaluation{figures.reviewCount > 1 ? "s" : ""}
            {figures.disagreement ? " — désaccord fort entre les membres du jury" : ""}.
          </p>
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Évaluations scellées de cette proposition, par membre du jury et par critère (notes sur 5)</caption>
              <thead>
                <tr>
                  <th scope="col">Membre du jury</th>
                  {criteria.map((c) => (
                    <th scope="col" key={c.id}>
                      {c.label} ({c.share} % de la note)
                    </th>
                  ))}
                  <th scope="col">Note pondérée</th>
                  <th scope="col">Sur son échelle (z)</th>
                </tr>
              </thead>
              <tbody>
                {reviews.map((review) => (
                  <tr key={review.jurorName}>
                    <th scope="row">{review.jurorName}</th>
                    {criteria.map((c) => (
                      <td key={c.id}>{formatScore(review.scores[c.id] ?? null, 0)}</td>
                    ))}
                    <td>{formatScore(review.total)}</td>
                    <td>{formatSigned(review.z)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Moyenne</th>
                  {criteria.map((c) => (
                    <td key={c.id}>{formatScore(figures.criterionMeans[c.id] ?? null)}</td>
                  ))}
                  <td>{formatScore(figures.rawMean)}</td>
                  <td>{formatSigned(figures.normalisedZ)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {reviews.some((r) => r.commentForAdmins || r.commentForCandidate) ? (
            <>
              <h3>Commentaires</h3>
              <ul>
                {reviews
                  .filter((r) => r.commentForAdmins || r.commentForCandidate)
                  .map((r) => (
                    <li key={r.jurorName}>
                      <strong>{r.jurorName}</strong>
                      {r.commentForAdmins ? <p className="fr-mb-1w">Pour les gestionnaires : {r.commentForAdmins}</p> : null}
                      {r.commentForCandidate ? <p className="fr-mb-1w">Pour le candidat (transmis avec le résultat) : {r.commentForCandidate}</p> : null}
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="fr-mb-6w" aria-labelledby="decision">
        <h2 id="decision">Décision</h2>
        {decision ? (
          <p>
            Décision actuelle : <strong>{outcomeLabels[decision.outcome]}</strong>
            {decision.finalUnitPriceCents !== null
              ? ` — prix unitaire final ${formatEuros(decision.finalUnitPriceCents)}, ${decision.finalMonthlyCapacity?.toLocaleString("fr-FR")} kits par mois`
              : ""}{" "}
            (le {formatParis(new Date(decision.decidedAt))}
            {decision.decidedByName ? `, ${decision.decidedByName}` : ""}).
          </p>
        ) : null}
        {!sealed ? (
          <Notice kind="info" title="Les notes ne sont pas encore scellées">
            <p>Les décisions se prennent sur les notes scellées, après la fin de l'évaluation.</p>
          </Notice>
        ) : publication ? (
          <Notice kind="info" title="Les résultats sont publiés">
            <p>Les décisions ne se modifient plus. Motivation communiquée au candidat : {decision?.motivation}</p>
          </Notice>
        ) : canDecide ? (
          <>
            <ErrorSummary errors={result?.errors} labels={decisionFieldLabels} />
            <Form method="post" noValidate>
              <fieldset
                className={`fr-fieldset${result?.errors.outcome ? " fr-fieldset--error" : ""}`}
                id="champ-outcome"
                aria-labelledby={`champ-outcome-legend${result?.errors.outcome ? " champ-outcome-message" : ""}`}
              >
                <legend className="fr-fieldset__legend" id="champ-outcome-legend">
                  Décision du jury
                </legend>
                {(["laureate", "not_retained"] as const).map((value) => (
                  <div className="fr-fieldset__element" key={value}>
                    <div className="fr-radio-group">
                      <input type="radio" id={`outcome-${value}`} name="outcome" value={value} defaultChecked={outcome === value} />
                      <label className="fr-label" htmlFor={`outcome-${value}`}>
                        {outcomeLabels[value]}
                      </label>
                    </div>
                  </div>
                ))}
                {result?.errors.outcome ? (
                  <div className="fr-messages-group" id="champ-outcome-message" aria-live="assertive">
                    <p className="fr-message fr-message--error">{result.errors.outcome}</p>
                  </div>
                ) : null}
              </fieldset>
              <TextArea
                label="Motivation"
                hint="Le candidat lira cette motivation dans le courriel des résultats ; pour un lauréat, elle est aussi publiée sur la page des lauréats."
                name="motivation"
                rows={5}
                defaultValue={values.motivation ?? decision?.motivation ?? ""}
                error={result?.errors.motivation}
              />
              <Field
                label="Prix unitaire final (lauréat)"
                hint={`En euros, par exemple 189,50. Prix estimé par le candidat : ${entry.fields.unitPrice !== null ? formatEuros(entry.fields.unitPrice) : "non indiqué"}.`}
                name="finalUnitPrice"
                inputMode="decimal"
                defaultValue={values.finalUnitPrice ?? centsForInput(decision?.finalUnitPriceCents ?? entry.fields.unitPrice)}
                error={result?.errors.finalUnitPrice}
              />
              <Field
                label="Capacité de production mensuelle confirmée (lauréat)"
                hint={`Nombre de kits par mois. Capacité annoncée par le candidat : ${entry.fields.monthlyCapacity ?? "non indiquée"}.`}
                name="finalMonthlyCapacity"
                inputMode="numeric"
                defaultValue={values.finalMonthlyCapacity ?? String(decision?.finalMonthlyCapacity ?? entry.fields.monthlyCapacity ?? "")}
                error={result?.errors.finalMonthlyCapacity}
              />
              <button className="fr-btn" type="submit">
                Enregistrer la décision
              </button>
            </Form>
          </>
        ) : null}
      </section>
    </>
  );
}
