import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FormAnswer } from "~/http/answers.server";
import { TextArea } from "~/ui/fields";
import { ErrorSummary } from "~/ui/form";
import type { StructureStatus } from "../statuses";
import { decisionsOpen } from "../verification";
import { decisionLabels } from "../verification-schemas";

function DecisionForm({
  intent,
  title,
  button,
  reviewsSeen,
  secondary,
  children,
}: {
  intent: "verify" | "request" | "reject";
  title: string;
  button: string;
  reviewsSeen: number;
  secondary?: boolean;
  children?: ReactNode;
}) {
  return (
    <Form method="post" noValidate className="fr-mb-4w">
      <h3 className="fr-h5">{title}</h3>
      <input type="hidden" name="reviewsSeen" value={reviewsSeen} />
      {children}
      <button className={`fr-btn${secondary ? " fr-btn--secondary" : ""}`} type="submit" name="intent" value={intent}>
        {button}
      </button>
    </Form>
  );
}

/**
 * The decisions open on the structure: verify, ask a question, reject with a reason. Each form
 * carries how much history its reviewer saw, so a decision on a page that changed meanwhile is refused.
 */
export function DecisionForms({ status, reviewsSeen, answer }: { status: StructureStatus; reviewsSeen: number; answer: FormAnswer | undefined }) {
  const open = decisionsOpen(status);
  const errors = answer?.errors;
  const values = answer?.values ?? {};
  if (open.length === 0) {
    return (
      <section className="fr-mb-4w">
        <h2 className="fr-h4">Décision</h2>
        <p>La décision est définitive : plus aucune action n'est possible sur cette structure.</p>
      </section>
    );
  }
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Décision</h2>
      {status === "information_requested" ? <p>Une question attend la réponse de la structure ; vous pouvez aussi décider sans attendre.</p> : null}
      <ErrorSummary errors={errors} labels={decisionLabels} />
      {open.includes("verified") ? (
        <DecisionForm intent="verify" title="Vérifier la structure" button="Vérifier la structure" reviewsSeen={reviewsSeen}>
          <p>La structure pourra commander ; ses membres en sont informés par courriel.</p>
        </DecisionForm>
      ) : null}
      {open.includes("information_requested") ? (
        <DecisionForm intent="request" title="Demander des informations" button="Envoyer la question" reviewsSeen={reviewsSeen} secondary>
          <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
          <TextArea
            label={decisionLabels.question}
            name="question"
            rows={4}
            maxLength={2000}
            required
            hint="La structure la reçoit par courriel et répond depuis son espace ; elle revient alors dans la file."
            defaultValue={values.question}
            error={errors?.question}
          />
        </DecisionForm>
      ) : null}
      {open.includes("rejected") ? (
        <DecisionForm intent="reject" title="Refuser la structure" button="Refuser la structure" reviewsSeen={reviewsSeen} secondary>
          <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
          <TextArea
            label={decisionLabels.reason}
            name="reason"
            rows={4}
            maxLength={2000}
            required
            hint="Les membres de la structure la reçoivent par courriel. Le refus est définitif."
            defaultValue={values.reason}
            error={errors?.reason}
          />
        </DecisionForm>
      ) : null}
    </section>
  );
}
