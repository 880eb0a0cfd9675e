import { Form, Link, useNavigation } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import type { JurorRow } from "~/jury/jurors.server";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary } from "~/ui/form";
import { plural } from "~/ui/plural";

/** Each juror's load and progress (a name opens their assignments), and the reminders to those not finished. */
export function LoadAndProgress({
  actionPath,
  contestSlug,
  jurors,
  selectedJurorId,
  answer,
}: {
  actionPath: string;
  contestSlug: string;
  jurors: JurorRow[];
  selectedJurorId: number | undefined;
  answer: FormAnswer | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const unfinished = jurors.filter((juror) => juror.notStarted + juror.inProgress > 0).length;
  return (
    <section className="fr-mb-6w" aria-labelledby="suivi">
      <h2 id="suivi">Charge et avancement</h2>
      {jurors.length === 0 ? (
        <p>
          Aucun membre du jury. <Link to={`/admin/concours/${contestSlug}/jury`}>Invitez-en</Link>.
        </p>
      ) : (
        <DataTable
          caption="Charge et avancement de chaque membre du jury"
          headers={["Membre du jury", "Plafond", "Affectées", "Pas commencées", "En cours", "Soumises", "Conflits actifs"]}
          rowHeaders
          rows={jurors.map((juror) => ({
            key: juror.userId,
            cells: [
              <Link
                key="name"
                to={`${actionPath}?membre=${juror.userId}#affectations-membre`}
                aria-current={selectedJurorId === juror.userId ? "true" : undefined}
              >
                {juror.name}
              </Link>,
              juror.maxLoad ?? "—",
              juror.assigned,
              juror.notStarted,
              juror.inProgress,
              juror.submitted,
              juror.activeConflicts,
            ],
          }))}
        />
      )}
      <h3>Relancer les membres du jury</h3>
      <p>
        {`${plural(unfinished, "membre")} du jury ${unfinished > 1 ? "ont" : "a"} des évaluations à terminer.`} Chacun reçoit un courriel avec ce qui
        lui reste et la date de fin de l'évaluation.
      </p>
      <ErrorSummary errors={answer?.errors} labels={{}} />
      <Form method="post" action={actionPath}>
        <input type="hidden" name="intent" value="remind" />
        <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
          Envoyer les relances
        </button>
      </Form>
    </section>
  );
}
