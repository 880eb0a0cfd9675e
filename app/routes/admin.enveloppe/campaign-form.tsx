import { Form } from "@remix-run/react";
import { campaignLabels } from "~/envelope/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { fieldBinder } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";

/** Opens the first campaign: its cap is split at once across the 101 départements, by population or an imported table. */
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
        Le plafond national, moins la réserve, est réparti entre les 101 départements en proportion de leur poids — leur population municipale, ou une
        table de poids importée —, au plus fort reste et au centime près ; un département ne reçoit jamais moins que le plancher.
      </p>
      <ErrorSummary errors={errors} labels={campaignLabels} />
      {answer && answer.details.length > 0 ? (
        <div className="fr-mb-3w">
          <h3 className="fr-h6">Problèmes trouvés dans la table de poids</h3>
          <ul>
            {answer.details.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="create" />
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <Field {...bound("name")} required maxLength={120} />
        <Field {...bound("nationalCap")} inputMode="decimal" required />
        <Field {...bound("reservePercent")} type="number" min={0} max={50} step="0.1" required />
        <Field {...bound("floor")} inputMode="decimal" required />
        <Field {...bound("opensAt")} type="datetime-local" required />
        <Field {...bound("closesAt")} type="datetime-local" required />
        <fieldset className="fr-fieldset" aria-labelledby="poids-legende">
          <legend className="fr-fieldset__legend" id="poids-legende">
            Pondération (facultatif)
            <span className="fr-hint-text">Sans table, chaque département pèse sa population municipale (INSEE).</span>
          </legend>
          <div className="fr-fieldset__element">
            <div className={`fr-upload-group${errors.file ? " fr-upload-group--error" : ""}`}>
              <label className="fr-label" htmlFor="champ-file">
                {campaignLabels.file} (facultatif)
                <span className="fr-hint-text">
                  Une ligne par département, les 101 : colonnes « code_departement » et « poids » (entier ou décimal positif, 6 décimales au plus),
                  séparées par un point-virgule ou une virgule.
                </span>
              </label>
              <input
                className="fr-upload"
                type="file"
                id="champ-file"
                name="file"
                accept=".csv,text/csv"
                aria-invalid={errors.file ? true : undefined}
                aria-describedby={errors.file ? "champ-file-message" : undefined}
              />
              {errors.file ? (
                <p className="fr-error-text" id="champ-file-message">
                  {errors.file}
                </p>
              ) : null}
            </div>
          </div>
          <div className="fr-fieldset__element">
            <Field {...bound("weightSource")} label={`${campaignLabels.weightSource} (obligatoire avec une table)`} maxLength={300} />
          </div>
          <div className="fr-fieldset__element">
            <Field {...bound("weightYear")} label={`${campaignLabels.weightYear} (obligatoire avec une table)`} inputMode="numeric" maxLength={4} />
          </div>
        </fieldset>
        <SubmitButton>Ouvrir la campagne et répartir l'enveloppe</SubmitButton>
      </Form>
    </>
  );
}
