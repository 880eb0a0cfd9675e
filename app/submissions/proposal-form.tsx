import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { formatEuros } from "~/money/euros";
import { Field } from "~/ui/form";
import { CheckboxGroup, Select, TextArea } from "~/ui/fields";
import { licences, limits, type ProposalDraft } from "./schemas";

/** The form's values as strings, the way the person typed them (or as stored). */
export type ProposalFormValues = {
  title: string;
  pitch: string;
  description: string;
  themes: string[];
  audiences: string[];
  items: { name: string; quantity: string; purpose: string }[];
  unitPrice: string;
  monthlyCapacity: string;
  leadTimeDays: string;
  licence: string;
  accessibility: string;
  environment: string;
  team: { name: string; role: string }[];
  organisationName: string;
  organisationSiret: string;
};

export const proposalFieldLabels: Record<string, string> = {
  title: "Titre du kit",
  pitch: "Résumé",
  description: "Description",
  themes: "Thèmes",
  audiences: "Publics",
  items: "Contenu du kit",
  unitPrice: "Prix unitaire estimé",
  monthlyCapacity: "Capacité de production mensuelle",
  leadTimeDays: "Délai de fabrication",
  licence: "Licence des plans et contenus",
  accessibility: "Accessibilité",
  environment: "Note environnementale",
  team: "Équipe",
  organisationName: "Nom de l'organisation",
  organisationSiret: "SIRET de l'organisation",
  photos: "Photos",
};

export function draftToFormValues(draft: ProposalDraft): ProposalFormValues {
  return {
    ...draft,
    unitPrice: draft.unitPrice === null ? "" : formatEuros(draft.unitPrice).replace(/\s?€$/, ""),
    monthlyCapacity: draft.monthlyCapacity === null ? "" : String(draft.monthlyCapacity),
    leadTimeDays: draft.leadTimeDays === null ? "" : String(draft.leadTimeDays),
  };
}

export function formValuesFromSubmission(values: Record<string, string>, lists: Record<string, string[]>): ProposalFormValues {
  const rows = <T,>(key: string, make: (i: number) => T) => (lists[key] ?? []).map((_, i) => make(i));
  return {
    title: values.title ?? "",
    pitch: values.pitch ?? "",
    description: values.description ?? "",
    themes: lists.themes ?? [],
    audiences: lists.audiences ?? [],
    items: rows("itemName", (i) => ({
      name: lists.itemName[i] ?? "",
      quantity: lists.itemQuantity?.[i] ?? "",
      purpose: lists.itemPurpose?.[i] ?? "",
    })),
    unitPrice: values.unitPrice ?? "",
    monthlyCapacity: values.monthlyCapacity ?? "",
    leadTimeDays: values.leadTimeDays ?? "",
    licence: values.licence ?? "",
    accessibility: values.accessibility ?? "",
    environment: values.environment ?? "",
    team: rows("memberName", (i) => ({ name: lists.memberName[i] ?? "", role: lists.memberRole?.[i] ?? "" })),
    organisationName: values.organisationName ?? "",
    organisationSiret: values.organisationSiret ?? "",
  };
}

const SPARE_ROWS = 2;

export function ProposalForm({
  values,
  errors = {},
  themes,
  audiences,
  readOnly,
}: {
  values: ProposalFormValues;
  errors?: FieldErrors;
  themes: string[];
  audiences: string[];
  readOnly: boolean;
}) {
  const items = [...values.items, ...Array.from({ length: SPARE_ROWS }, () => ({ name: "", quantity: "", purpose: "" }))];
  const team = [...values.team, ...Array.from({ length: SPARE_ROWS }, () => ({ name: "", role: "" }))];
  const rowError = (prefix: string, i: number, field: string) => errors[`${prefix}.${i}.${field}`];
  return (
    <Form method="post" noValidate id="formulaire-proposition">
      <fieldset className="fr-fieldset" disabled={readOnly}>
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Le kit</h2>
        </legend>
        <div className="fr-fieldset__element">
          <Field label={proposalFieldLabels.title} name="title" defaultValue={values.title} error={errors.title} maxLength={limits.title} />
        </div>
        <div className="fr-fieldset__element">
          <TextArea
            label={proposalFieldLabels.pitch}
            name="pitch"
            defaultValue={values.pitch}
            error={errors.pitch}
            rows={3}
            maxLength={limits.pitch}
            hint="280 caractères au plus : ce que le kit permet d'apprendre, et à qui."
          />
        </div>
        <div className="fr-fieldset__element">
          <TextArea
            label={proposalFieldLabels.description}
            name="description"
            defaultValue={values.description}
            error={errors.description}
            rows={8}
            maxLength={limits.description}
          />
        </div>
        <div className="fr-fieldset__element">
          <CheckboxGroup legend={proposalFieldLabels.themes} name="themes" options={themes} checked={values.themes} error={errors.themes} />
        </div>
        <div className="fr-fieldset__element">
          <CheckboxGroup
            legend={proposalFieldLabels.audiences}
            name="audiences"
            options={audiences}
            checked={values.audiences}
            error={errors.audiences}
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" id="champ-items" disabled={readOnly}>
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">{proposalFieldLabels.items}</h2>
          <span className="fr-hint-text">
            Un élément par ligne ; laissez vides les lignes inutiles. Enregistrez pour obtenir de nouvelles lignes.
          </span>
        </legend>
        {errors.items ? <p className="fr-error-text fr-fieldset__element">{errors.items}</p> : null}
        {items.map((item, i) => (
          <div className="fr-fieldset__element" key={i}>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-5">
                <Field
                  label={`Élément ${i + 1} : nom`}
                  name="itemName"
                  id={`champ-items-${i}-name`}
                  defaultValue={item.name}
                  error={rowError("items", i, "name")}
                  maxLength={limits.itemName}
                />
              </div>
              <div className="fr-col-12 fr-col-md-2">
                <Field
                  label={`Élément ${i + 1} : quantité`}
                  name="itemQuantity"
                  id={`champ-items-${i}-quantity`}
                  inputMode="numeric"
                  defaultValue={item.quantity}
                  error={rowError("items", i, "quantity")}
                />
              </div>
              <div className="fr-col-12 fr-col-md-5">
                <Field
                  label={`Élément ${i + 1} : à quoi il sert`}
                  name="itemPurpose"
                  id={`champ-items-${i}-purpose`}
                  defaultValue={item.purpose}
                  error={rowError("items", i, "purpose")}
                  maxLength={limits.itemPurpose}
                />
              </div>
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset className="fr-fieldset" disabled={readOnly}>
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">Fabrication</h2>
        </legend>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={proposalFieldLabels.unitPrice}
            name="unitPrice"
            inputMode="decimal"
            defaultValue={values.unitPrice}
            error={errors.unitPrice}
            hint="En euros, par exemple 1 234,56"
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={proposalFieldLabels.monthlyCapacity}
            name="monthlyCapacity"
            inputMode="numeric"
            defaultValue={values.monthlyCapacity}
            error={errors.monthlyCapacity}
            hint="Nombre de kits par mois"
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-4">
          <Field
            label={proposalFieldLabels.leadTimeDays}
            name="leadTimeDays"
            inputMode="numeric"
            defaultValue={values.leadTimeDays}
            error={errors.leadTimeDays}
            hint="En jours"
          />
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={proposalFieldLabels.licence}
            name="licence"
            defaultValue={values.licence}
            error={errors.licence}
            placeholder="Choisissez une licence ouverte"
            options={licences.map((l) => ({ value: l, label: l }))}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextArea
            label={proposalFieldLabels.accessibility}
            name="accessibility"
            defaultValue={values.accessibility}
            error={errors.accessibility}
            rows={4}
            maxLength={limits.longText}
          />
        </div>
        <div className="fr-fieldset__element">
          <TextArea
            label={proposalFieldLabels.environment}
            name="environment"
            defaultValue={values.environment}
            error={errors.environment}
            rows={4}
            maxLength={limits.longText}
            hint="Réemploi, réparation, matériel reconditionné."
          />
        </div>
      </fieldset>

      <fieldset className="fr-fieldset" id="champ-team" disabled={readOnly}>
        <legend className="fr-fieldset__legend">
          <h2 className="fr-h4 fr-mb-0">{proposalFieldLabels.team}</h2>
          <span className="fr-hint-text">Le jury ne voit ni l'équipe ni l'organisation.</span>
        </legend>
        {errors.team ? <p className="fr-error-text fr-fieldset__element">{errors.team}</p> : null}
        {team.map((member, i) => (
          <div className="fr-fieldset__element" key={i}>
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <Field
                  label={`Personne ${i + 1} : nom`}
                  name="memberName"
                  id={`champ-team-${i}-name`}
                  defaultValue={member.name}
                  error={rowError("team", i, "name")}
                  maxLength={limits.personName}
                />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Field
                  label={`Personne ${i + 1} : rôle`}
                  name="memberRole"
                  id={`champ-team-${i}-role`}
                  defaultValue={member.role}
                  error={rowError("team", i, "role")}
                  maxLength={limits.personRole}
                />
              </div>
            </div>
          </div>
        ))}
        <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
          <Field
            label={proposalFieldLabels.organisationName}
            name="organisationName"
            defaultValue={values.organisationName}
            error={errors.organisationName}
            hint="Facultatif"
            maxLength={limits.organisationName}
          />
        </div>
        <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
          <Field
            label={proposalFieldLabels.organisationSiret}
            name="organisationSiret"
            inputMode="numeric"
            defaultValue={values.organisationSiret}
            error={errors.organisationSiret}
            hint="14 chiffres, par exemple 130 025 265 00013"
          />
        </div>
      </fieldset>

      {readOnly ? null : (
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="save">
              Enregistrer le brouillon
            </button>
          </li>
        </ul>
      )}
    </Form>
  );
}
