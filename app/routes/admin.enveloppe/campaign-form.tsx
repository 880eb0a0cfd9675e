import { Form } from "@remix-run/react";
import { campaignLabels } from "~/envelope/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { fieldBinder } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";

/** Opens the first campaign: its cap is split at once across the 101 départements by population. */
export function CampaignForm({ answer }: { answer: FormAnswer | undefined }) {
  const errors = answer?.errors ?? {};
  // Suggested values until the admin types others.
  const values: Record<string, string> = { nationalCap: "40 000 000", reservePercent: "5", floor: "0", ...answer?.values };
  const bound = fieldBinder(campaignLabels, values, errors);
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
        <Field {...bound("name")} required maxLength={120} />
        <Field {...bound("nationalCap")} inputMode="decimal" required />
        <Field {...bound("reservePercent")} type="number" min={0} max={50} step="0.1" required />
        <Field {...bound("floor")} inputMode="decimal" required />
        <Field {...bound("opensAt")} type="datetime-local" required />
        <Field {...bound("closesAt")} type="datetime-local" required />
        <SubmitButton>Ouvrir la campagne et répartir l'enveloppe</SubmitButton>
      </Form>
    </>
  );
}
