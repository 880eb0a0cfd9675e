import { Form, useNavigation } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatDateTime } from "~/infra/paris-time";
import { assignmentFieldLabels } from "~/jury/admin-schemas";
import type { RunSummary } from "~/jury/assignments.server";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Field, Notice } from "~/ui/form";

/** Why no assignment exists, as the solver explains it: a sentence, then each problem. */
export type Infeasible = { summary: string; problems: string[] };

/** The automatic assignment: its form (reviews per proposal, seed), why it failed, and the last runs. */
export function AutomaticAssignment({
  actionPath,
  answer,
  reviewsPerProposal,
  runs,
  sealed,
}: {
  actionPath: string;
  answer: (FormAnswer & { infeasible?: Infeasible }) | undefined;
  reviewsPerProposal: number;
  runs: RunSummary[];
  sealed: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="fr-mb-6w" aria-labelledby="automatique">
      <h2 id="automatique">Affectation automatique</h2>
      <p>
        Chaque proposition recevable reçoit le nombre d'évaluations demandé, jamais par un membre du jury en conflit avec elle ; les charges sont
        équilibrées (à une évaluation près, ou dans la limite des plafonds) et les thèmes préférés sont privilégiés. Les affectations existantes sont
        conservées : relancer complète seulement ce qui manque.
      </p>
      {answer?.infeasible ? (
        <Notice kind="error" title="Aucune affectation n'est possible : rien n'a été enregistré">
          <p>{answer.infeasible.summary}</p>
          {answer.infeasible.problems.length > 1 ? (
            <ul>
              {answer.infeasible.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : (
        <ErrorSummary errors={answer?.errors} labels={assignmentFieldLabels} />
      )}
      <Form method="post" action={actionPath} noValidate>
        <input type="hidden" name="intent" value="run" />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Field
              label="Évaluations par proposition"
              name="reviewsPerProposal"
              type="number"
              min={1}
              max={10}
              defaultValue={answer?.values.reviewsPerProposal ?? String(reviewsPerProposal)}
              error={answer?.errors.reviewsPerProposal}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Field
              label="Graine (facultative)"
              hint="Vide : une graine est tirée au hasard et enregistrée. Indiquez celle d'une affectation passée pour la reproduire."
              name="seed"
              inputMode="numeric"
              defaultValue={answer?.values.seed ?? ""}
              error={answer?.errors.seed}
            />
          </div>
        </div>
        <button className="fr-btn" type="submit" disabled={busy || sealed}>
          Lancer l'affectation automatique
        </button>
      </Form>
      {runs.length > 0 ? (
        <DataTable
          className="fr-mt-3w"
          multiline={false}
          caption="Dernières affectations automatiques"
          headers={["N°", "Date", "Par", "Graine", "Évaluations par proposition", "Affectations créées"]}
          rows={runs.map((run) => ({
            key: run.id,
            cells: [run.id, formatDateTime(run.createdAt), run.createdBy ?? "—", run.seed, run.reviewsPerProposal, run.added],
          }))}
        />
      ) : null}
    </section>
  );
}
