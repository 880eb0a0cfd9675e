import { Form } from "@remix-run/react";
import { campaignLabels } from "~/envelope/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";

/** Opens the first campaign: its cap is split at once across the 101 départements by population. */
export function CampaignForm({ answer }: { answer: FormAnswer | undefined }) {
  const errors = answer?.errors;
  const values = answer?.values ?? {};
  return (
    <>
      <p>Aucune campagne de distribution n'est ouverte.</p>
      <h2>Ouvrir une campagne</h2>
      <p>
        Le plafond national, moins la réserve, est réparti entre les 101 départements en proportion de leur population municipale, au plus fort reste
        et au centime près ; un département ne reçoit jamais moins que le plancher.
      </p>
      <ErrorSummary errors={errors} labels={campaignLabels} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
        <Field label={campaignLabels.name} name="name" required maxLength={120} defaultValue={values.name} error={errors?.name} />
        <Field
          label={campaignLabels.nationalCap}
          name="nationalCap"
          inputMode="decimal"
          required
          defaultValue={values.nationalCap ?? "40 000 000"}
          error={errors?.nationalCap}
        />
        <Field
          label={campaignLabels.reservePercent}
          name="reservePercent"
          type="number"
          min={0}
          max={50}
          step="0.1"
          required
          defaultValue={values.reservePercent ?? "5"}
          error={errors?.reservePercent}
        />
        <Field label={campaignLabels.floor} name="floor" inputMode="decimal" required defaultValue={values.floor ?? "0"} error={errors?.floor} />
        <Field label={campaignLabels.opensAt} name="opensAt" type="datetime-local" required defaultValue={values.opensAt} error={errors?.opensAt} />
        <Field
          label={campaignLabels.closesAt}
          name="closesAt"
          type="datetime-local"
          required
          defaultValue={values.closesAt}
          error={errors?.closesAt}
        />
        <SubmitButton>Ouvrir la campagne et répartir l'enveloppe</SubmitButton>
      </Form>
    </>
  );
}
