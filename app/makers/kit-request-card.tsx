import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatParis } from "~/infra/paris-time";
import { DecisionButtons } from "~/ui/decision-buttons";
import { TextArea } from "~/ui/fields";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { makerKindLabels } from "./kinds";
import type { KitRequest } from "./makers.server";

const decisions = [
  { value: "approved", label: "Approuver", secondary: false },
  { value: "refused", label: "Refuser", secondary: true },
];

/**
 * A maker's request to build a kit, with the form that approves or refuses it (the reason
 * required to refuse), as the admin and the kit's designer see it. `answer` is the last refused
 * decision: shown on the card it was about.
 */
export function KitRequestCard({ request, answer }: { request: KitRequest; answer: FormAnswer | undefined }) {
  const key = `${request.makerId}-${request.kitId}`;
  const refused =
    answer && !answer.errors._form && answer.values.makerId === String(request.makerId) && answer.values.kitId === String(request.kitId)
      ? answer
      : null;
  return (
    <section className="fr-card fr-p-3w fr-mb-3w" aria-labelledby={`demande-${key}`}>
      <h3 id={`demande-${key}`} className="fr-h5">
        {request.makerName} — {request.kitTitle}
      </h3>
      <p>
        {makerKindLabels[request.makerKind]} à {request.communeName} ({request.departementCode}), SIRET {request.siret}. Demande du{" "}
        {formatParis(new Date(request.requestedAt))}.
      </p>
      <Form method="post">
        <ErrorSummary errors={refused?.errors} labels={{ reason: "Raison du refus" }} />
        <input type="hidden" name="makerId" value={request.makerId} />
        <input type="hidden" name="kitId" value={request.kitId} />
        <TextArea
          label="Raison du refus (facultative pour une approbation)"
          name="reason"
          id={refused ? "champ-reason" : `raison-${key}`}
          rows={2}
          maxLength={2000}
          defaultValue={refused?.values.reason}
          error={refused?.errors.reason}
        />
        <DecisionButtons choices={decisions} about={`${request.makerName}, ${request.kitTitle}`} />
      </Form>
    </section>
  );
}

/** Above the requests: the decision just made, or why it failed when it was about no field. */
export function KitDecisionOutcome({ answer }: { answer: FormAnswer | undefined }) {
  return (
    <>
      <SuccessNotice
        notices={{
          approuvee: "La demande est approuvée ; les membres du fabricant en sont informés par courriel.",
          refusee: "La demande est refusée ; les membres du fabricant en reçoivent la raison par courriel.",
        }}
      />
      <ErrorSummary errors={answer?.errors._form ? { _form: answer.errors._form } : undefined} labels={{}} />
    </>
  );
}
