import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { conflictFieldLabels } from "~/jury/admin-schemas";
import { PairFields } from "~/jury/pair-fields";
import { TextArea } from "~/ui/fields";
import { ErrorSummary } from "~/ui/form";

/** A conflict recorded by hand, with its reason; the form empties once it is recorded. */
export function AddConflict({
  actionPath,
  jurors,
  answer,
}: {
  actionPath: string;
  jurors: { userId: number; name: string }[];
  answer: FormAnswer | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  return (
    <section className="fr-mb-6w" aria-labelledby="ajout">
      <h2 id="ajout">Ajouter un conflit</h2>
      <ErrorSummary errors={answer?.errors} labels={conflictFieldLabels} />
      {jurors.length === 0 ? (
        <p>Invitez d'abord des membres du jury.</p>
      ) : (
        <Form method="post" action={actionPath} noValidate key={search.get("fait") === "added" ? "added" : "add"}>
          <input type="hidden" name="intent" value="add" />
          <PairFields jurors={jurors} typed={answer?.values} errors={answer?.errors} />
          <TextArea
            label="Raison"
            hint="Enregistrée au journal d'audit ; jamais montrée au membre du jury."
            name="reason"
            rows={2}
            defaultValue={answer?.values.reason ?? ""}
            error={answer?.errors.reason}
          />
          <button className="fr-btn" type="submit" disabled={busy}>
            Ajouter le conflit
          </button>
        </Form>
      )}
    </section>
  );
}
