import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { decisionFieldLabels, outcomeLabels } from "~/results/decision-schemas";
import type { DecisionEntry } from "~/results/decisions.server";
import { centsForInput } from "~/results/figures";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";

/** The decision taken so far, and the form to take or change it while the results are unpublished. */
export function DecisionSection({
  entry,
  sealed,
  published,
  canDecide,
  answer,
}: {
  entry: DecisionEntry;
  sealed: boolean;
  published: boolean;
  canDecide: boolean;
  answer: FormAnswer | undefined;
}) {
  const decision = entry.decision;
  return (
    <section className="fr-mb-6w" aria-labelledby="decision">
      <h2 id="decision">Décision</h2>
      <ErrorSummary errors={answer?.errors} labels={decisionFieldLabels} />
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
      ) : published ? (
        <Notice kind="info" title="Les résultats sont publiés">
          <p>Les décisions ne se modifient plus. Motivation communiquée au candidat : {decision?.motivation}</p>
        </Notice>
      ) : canDecide ? (
        <DecisionForm entry={entry} answer={answer} />
      ) : null}
    </section>
  );
}

function DecisionForm({ entry, answer }: { entry: DecisionEntry; answer: FormAnswer | undefined }) {
  const decision = entry.decision;
  const errors = answer?.errors ?? {};
  const values = answer?.values ?? {};
  const outcome = values.outcome ?? decision?.outcome ?? "";
  return (
    <Form method="post" noValidate>
      <fieldset
        className={`fr-fieldset${errors.outcome ? " fr-fieldset--error" : ""}`}
        id="champ-outcome"
        aria-labelledby={`champ-outcome-legend${errors.outcome ? " champ-outcome-message" : ""}`}
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
        {errors.outcome ? (
          <div className="fr-messages-group" id="champ-outcome-message">
            <p className="fr-message fr-message--error">{errors.outcome}</p>
          </div>
        ) : null}
      </fieldset>
      <TextArea
        label="Motivation"
        hint="Le candidat lira cette motivation dans le courriel des résultats ; pour un lauréat, elle est aussi publiée sur la page des lauréats."
        name="motivation"
        rows={5}
        defaultValue={values.motivation ?? decision?.motivation ?? ""}
        error={errors.motivation}
      />
      <Field
        label="Prix unitaire final (lauréat)"
        hint={`En euros, par exemple 189,50. Prix estimé par le candidat : ${entry.fields.unitPrice !== null ? formatEuros(entry.fields.unitPrice) : "non indiqué"}.`}
        name="finalUnitPrice"
        inputMode="decimal"
        defaultValue={values.finalUnitPrice ?? centsForInput(decision?.finalUnitPriceCents ?? entry.fields.unitPrice)}
        error={errors.finalUnitPrice}
      />
      <Field
        label="Capacité de production mensuelle confirmée (lauréat)"
        hint={`Nombre de kits par mois. Capacité annoncée par le candidat : ${entry.fields.monthlyCapacity ?? "non indiquée"}.`}
        name="finalMonthlyCapacity"
        inputMode="numeric"
        defaultValue={values.finalMonthlyCapacity ?? String(decision?.finalMonthlyCapacity ?? entry.fields.monthlyCapacity ?? "")}
        error={errors.finalMonthlyCapacity}
      />
      <SubmitButton>Enregistrer la décision</SubmitButton>
    </Form>
  );
}
