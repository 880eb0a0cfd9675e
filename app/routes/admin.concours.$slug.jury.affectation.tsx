import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readQuery } from "~/http/query";
import { requireUser } from "~/accounts/permissions.server";
import { formatDateTime, formatParis } from "~/infra/paris-time";
import { phaseLabels } from "~/contest/phase";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { assignmentChangeSchema, assignmentFieldLabels, assignmentQuerySchema } from "~/jury/admin-schemas";
import { applyAssignmentChange, assignmentPage } from "~/jury/assignments.server";
import { JuryRefusal } from "~/jury/jurors.server";
import { Select } from "~/ui/fields";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Affectation et suivi — ${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const query = readQuery(request, assignmentQuerySchema);
  const page = await assignmentPage({ slug: params.slug!, now: now(), jurorId: query.membre, runId: query.execution });
  return { ...page, query };
}

type ActionData = {
  intent: string;
  errors: FieldErrors;
  values: Record<string, string>;
  infeasible?: { summary: string; seed: number; k: number; problems: { message: string }[] };
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const form = parseForm(formData, assignmentChangeSchema);
  if (!form.ok) return data<ActionData>({ intent, errors: form.errors, values: form.values }, { status: 400 });
  const base = `/admin/concours/${params.slug}/jury/affectation`;
  try {
    const result = await applyAssignmentChange({ slug: params.slug!, actorId: admin.id, change: form.data, now: now() });
    switch (result.done) {
      case "run": {
        const outcome = result.outcome;
        if (outcome.ok) return redirect(`${base}?execution=${outcome.runId}`);
        const infeasible = { summary: outcome.summary, seed: outcome.seed, k: outcome.k, problems: outcome.problems.map((p) => ({ message: p.message })) };
        return data<ActionData>({ intent, errors: {}, values: submittedValues(formData).values, infeasible }, { status: 409 });
      }
      case "reminded":
        return redirect(`${base}?relances=${result.sent}`);
      case "added":
      case "removed":
        return redirect(`${base}?fait=${result.done === "added" ? "ajout" : "retrait"}&membre=${form.data.intent === "add" || form.data.intent === "remove" ? form.data.userId : ""}`);
    }
  } catch (error) {
    if (!(error instanceof JuryRefusal)) throw error;
    return data<ActionData>({ intent, errors: { [error.field ?? "_form"]: error.message }, values: submittedValues(formData).values }, { status: 409 });
  }
}

const reviewStatusLabels = { in_progress: "En cours", submitted: "Soumise" } as const;

export default function JuryAssignment() {
  const page = useLoaderData<typeof loader>();
  const { contest, jurors, query } = page;
  const result = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const base = `/admin/concours/${contest.slug}/jury/affectation`;
  const runResult = result?.intent === "run" ? result : undefined;
  const pairResult = result?.intent === "add" || result?.intent === "remove" ? result : undefined;
  const remindResult = result?.intent === "remind" ? result : undefined;
  const unfinished = jurors.filter((juror) => juror.notStarted + juror.inProgress > 0).length;
  const jurorOptions = jurors.map((juror) => ({ value: String(juror.userId), label: juror.name }));

  return (
    <>
      <h1>Affectation et suivi</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <ul>
        <li>
          Phase : {phaseLabels[contest.phase]} — évaluation du {formatParis(new Date(contest.reviewOpenAt))} au {formatParis(new Date(contest.reviewCloseAt))}
        </li>
        <li>Propositions recevables : {page.eligible}</li>
        <li>Affectations : {page.assignments}</li>
        <li>
          Membres du jury : {jurors.length}
          {page.balance
            ? page.balance.minLoad === page.balance.maxLoad
              ? ` — ${page.balance.maxLoad} évaluation${page.balance.maxLoad > 1 ? "s" : ""} chacun`
              : ` — charges de ${page.balance.minLoad} à ${page.balance.maxLoad} évaluations`
            : ""}
        </li>
      </ul>
      {page.sealed ? <Notice kind="info" title="Les notes sont scellées : les affectations ne changent plus." /> : null}

      {page.run ? (
        <Notice kind="success" title={`Affectation automatique n° ${page.run.id} enregistrée`}>
          <p>
            {`${page.run.added} nouvelle${page.run.added > 1 ? "s" : ""} affectation${page.run.added > 1 ? "s" : ""}, ${page.run.k} évaluation${page.run.k > 1 ? "s" : ""} par proposition.`}{" "}
            Graine : <strong>{page.run.seed}</strong> (les mêmes données et la même graine donnent
            la même affectation). Évaluations sans thème commun entre la proposition et le membre du jury : {page.run.totalCost}.
          </p>
        </Notice>
      ) : null}
      {query.relances !== undefined ? (
        <Notice kind="success" title="Relances">
          <p>
            {query.relances === 0
              ? "Aucun membre du jury n'a d'évaluation en attente : aucune relance n'a été envoyée."
              : `${query.relances} relance${query.relances > 1 ? "s" : ""} envoyée${query.relances > 1 ? "s" : ""} par courriel.`}
          </p>
        </Notice>
      ) : null}
      {query.fait ? <Notice kind="success" title={query.fait === "ajout" ? "L'affectation est ajoutée." : "L'affectation est retirée."} /> : null}

      <section className="fr-mb-6w" aria-labelledby="automatique">
        <h2 id="automatique">Affectation automatique</h2>
        <p>
          Chaque proposition recevable reçoit le nombre d'évaluations demandé, jamais par un membre du jury en conflit avec elle ; les charges
          sont équilibrées (à une évaluation près, ou dans la limite des plafonds) et les thèmes préférés sont privilégiés. Les affectations
          existantes sont conservées : relancer complète seulement ce qui manque.
        </p>
        {runResult?.infeasible ? (
          <Notice kind="error" title="Aucune affectation n'est possible : rien n'a été enregistré">
            <p>{runResult.infeasible.summary}</p>
            {runResult.infeasible.problems.length > 1 ? (
              <ul>
                {runResult.infeasible.problems.map((problem, index) => (
                  <li key={index}>{problem.message}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
        ) : (
          <ErrorSummary errors={runResult?.errors} labels={assignmentFieldLabels} />
        )}
        <Form method="post" action={base} noValidate>
          <input type="hidden" name="intent" value="run" />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Field
                label="Évaluations par proposition"
                name="k"
                type="number"
                min={1}
                max={10}
                defaultValue={runResult?.values.k ?? String(page.k)}
                error={runResult?.errors.k}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Field
                label="Graine (facultative)"
                hint="Vide : une graine est tirée au hasard et enregistrée. Indiquez celle d'une affectation passée pour la reproduire."
                name="seed"
                inputMode="numeric"
                defaultValue={runResult?.values.seed ?? ""}
                error={runResult?.errors.seed}
              />
            </div>
          </div>
          <button className="fr-btn" type="submit" disabled={busy || page.sealed}>
            Lancer l'affectation automatique
          </button>
        </Form>
        {page.runs.length > 0 ? (
          <div className="fr-table fr-mt-3w">
            <table>
              <caption>Dernières affectations automatiques</caption>
              <thead>
                <tr>
                  <th scope="col">N°</th>
                  <th scope="col">Date</th>
                  <th scope="col">Par</th>
                  <th scope="col">Graine</th>
                  <th scope="col">Évaluations par proposition</th>
                  <th scope="col">Affectations créées</th>
                </tr>
              </thead>
              <tbody>
                {page.runs.map((run) => (
                  <tr key={run.id}>
                    <td>{run.id}</td>
                    <td>{formatDateTime(run.createdAt)}</td>
                    <td>{run.createdBy ?? "—"}</td>
                    <td>{run.seed}</td>
                    <td>{run.k}</td>
                    <td>{run.added}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className="fr-mb-6w" aria-labelledby="suivi">
        <h2 id="suivi">Charge et avancement</h2>
        {jurors.length === 0 ? (
          <p>
            Aucun membre du jury. <Link to={`/admin/concours/${contest.slug}/jury`}>Invitez-en</Link>.
          </p>
        ) : (
          <div className="fr-table fr-table--multiline">
            <table>
              <caption>Charge et avancement de chaque membre du jury</caption>
              <thead>
                <tr>
                  <th scope="col">Membre du jury</th>
                  <th scope="col">Plafond</th>
                  <th scope="col">Affectées</th>
                  <th scope="col">Pas commencées</th>
                  <th scope="col">En cours</th>
                  <th scope="col">Soumises</th>
                  <th scope="col">Conflits actifs</th>
                </tr>
              </thead>
              <tbody>
                {jurors.map((juror) => (
                  <tr key={juror.userId}>
                    <th scope="row">
                      <Link to={`${base}?membre=${juror.userId}#affectations-membre`} aria-current={query.membre === juror.userId ? "true" : undefined}>
                        {juror.name}
                      </Link>
                    </th>
                    <td>{juror.maxLoad ?? "—"}</td>
                    <td>{juror.assigned}</td>
                    <td>{juror.notStarted}</td>
                    <td>{juror.inProgress}</td>
                    <td>{juror.submitted}</td>
                    <td>{juror.activeConflicts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Relancer les membres du jury</h3>
        <p>
          {`${unfinished} membre${unfinished > 1 ? "s" : ""} du jury ${unfinished > 1 ? "ont" : "a"} des évaluations à terminer.`} Chacun reçoit un
          courriel avec ce qui lui reste et la date de fin de l'évaluation.
        </p>
        <ErrorSummary errors={remindResult?.errors} labels={{}} />
        <Form method="post" action={base}>
          <input type="hidden" name="intent" value="remind" />
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Envoyer les relances
          </button>
        </Form>
      </section>

      <section className="fr-mb-6w" aria-labelledby="manuelle">
        <h2 id="manuelle">Ajouter ou retirer une affectation</h2>
        <ErrorSummary errors={pairResult?.errors} labels={assignmentFieldLabels} />
        {jurors.length > 0 ? (
          <Form method="post" action={base} noValidate>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <Select
                  label="Membre du jury"
                  name="userId"
                  id="champ-userId"
                  options={jurorOptions}
                  placeholder="Choisir"
                  defaultValue={pairResult?.values.userId ?? (query.membre ? String(query.membre) : "")}
                  error={pairResult?.errors.userId}
                />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Field
                  label="Numéro de la proposition"
                  name="proposalId"
                  inputMode="numeric"
                  defaultValue={pairResult?.values.proposalId ?? ""}
                  error={pairResult?.errors.proposalId}
                />
              </div>
            </div>
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button className="fr-btn" type="submit" name="intent" value="add" disabled={busy || page.sealed}>
                  Ajouter l'affectation
                </button>
              </li>
              <li>
                <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="remove" disabled={busy || page.sealed}>
                  Retirer l'affectation
                </button>
              </li>
            </ul>
          </Form>
        ) : null}
      </section>

      <section className="fr-mb-6w" aria-labelledby="incompletes">
        <h2 id="incompletes">Propositions à compléter</h2>
        {page.incomplete.length === 0 ? (
          <p>{page.k > 1 ? `Chaque proposition recevable a ses ${page.k} évaluateurs.` : "Chaque proposition recevable a son évaluateur."}</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>
                {`Propositions recevables avec moins de ${page.k} évaluateur${page.k > 1 ? "s" : ""}${page.moreIncomplete ? " (les 50 premières)" : ""}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Proposition</th>
                  <th scope="col">Évaluateurs</th>
                </tr>
              </thead>
              <tbody>
                {page.incomplete.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <Link to={`/admin/concours/${contest.slug}/propositions/${entry.id}`}>
                        n° {entry.id} — {entry.title || "(sans titre)"}
                      </Link>
                    </td>
                    <td>
                      {entry.assigned} sur {page.k}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {page.selectedJuror ? (
        <section aria-labelledby="affectations-membre">
          <h2 id="affectations-membre">Propositions confiées à {page.selectedJuror.name}</h2>
          {page.jurorAssignments.length === 0 ? (
            <p>Aucune proposition ne lui est affectée.</p>
          ) : (
            <div className="fr-table">
              <table>
                <caption>
                  {`${page.jurorAssignments.length} proposition${page.jurorAssignments.length > 1 ? "s confiées" : " confiée"} à ${page.selectedJuror.name}`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Proposition</th>
                    <th scope="col">Origine</th>
                    <th scope="col">Évaluation</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {page.jurorAssignments.map((assignment) => (
                    <tr key={assignment.proposalId}>
                      <td>
                        <Link to={`/admin/concours/${contest.slug}/propositions/${assignment.proposalId}`}>
                          n° {assignment.proposalId} — {assignment.title || "(sans titre)"}
                        </Link>
                      </td>
                      <td>{assignment.runId ? `Automatique (n° ${assignment.runId})` : "À la main"}</td>
                      <td>{assignment.reviewStatus ? reviewStatusLabels[assignment.reviewStatus] : "Pas commencée"}</td>
                      <td>
                        {assignment.reviewStatus === "submitted" || page.sealed ? (
                          "—"
                        ) : (
                          <Form method="post" action={base}>
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={page.selectedJuror!.userId} />
                            <input type="hidden" name="proposalId" value={assignment.proposalId} />
                            <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled={busy}>
                              Retirer<span className="fr-sr-only"> la proposition n° {assignment.proposalId}</span>
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
