import { Form, useNavigation } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { assignmentFieldLabels } from "~/jury/admin-schemas";
import type { JurorRow } from "~/jury/jurors.server";
import { PairFields } from "~/jury/pair-fields";
import { ErrorSummary } from "~/ui/form";

/** One assignment added or removed by hand: a juror, a proposal number, two buttons. */
export function ManualAssignment({
  actionPath,
  jurors,
  selectedJurorId,
  sealed,
  answer,
}: {
  actionPath: string;
  jurors: JurorRow[];
  selectedJurorId: number | undefined;
  sealed: boolean;
  answer: FormAnswer | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="fr-mb-6w" aria-labelledby="manuelle">
      <h2 id="manuelle">Ajouter ou retirer une affectation</h2>
      <ErrorSummary errors={answer?.errors} labels={assignmentFieldLabels} />
      {jurors.length > 0 ? (
        <Form method="post" action={actionPath} noValidate>
          <PairFields jurors={jurors} typed={answer?.values} errors={answer?.errors} jurorId={selectedJurorId} />
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <button className="fr-btn" type="submit" name="intent" value="add" disabled={busy || sealed}>
                Ajouter l'affectation
              </button>
            </li>
            <li>
              <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="remove" disabled={busy || sealed}>
                Retirer l'affectation
              </button>
            </li>
          </ul>
        </Form>
      ) : null}
    </section>
  );
}
