import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { formatEuros } from "~/money/euros";
import { Field, RequiredFieldsNote } from "~/ui/form";
import { CheckboxGroup, FormSection, RowsSection, SectionCell, Select, TextArea, fieldBinder } from "~/ui/fields";
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
  const bound = fieldBinder(proposalFieldLabels, values, errors);
  return (
    <Form method="post" noValidate id="formulaire-proposition">
      {readOnly ? null : (
        <RequiredFieldsNote>
          Tous les champs sont obligatoires pour déposer la proposition, sauf mention contraire ; un brouillon peut rester incomplet.
        </RequiredFieldsNote>
      )}
      <FormSection title="Le kit" disabled={readOnly}>
        <SectionCell>
          <Field {...bound("title")} maxLength={limits.title} />
        </SectionCell>
        <SectionCell>
          <TextArea
            {...bound("pitch")}
            rows={3}
            maxLength={limits.pitch}
            hint="280 caractères au plus : ce que le kit permet d'apprendre, et à qui."
          />
        </SectionCell>
        <SectionCell>
          <TextArea {...bound("description")} rows={8} maxLength={limits.description} />
        </SectionCell>
        <SectionCell>
          <CheckboxGroup legend={proposalFieldLabels.themes} name="themes" options={themes} checked={values.themes} error={errors.themes} />
        </SectionCell>
        <SectionCell>
          <CheckboxGroup
            legend={proposalFieldLabels.audiences}
            name="audiences"
            options={audiences}
            checked={values.audiences}
            error={errors.audiences}
          />
        </SectionCell>
      </FormSection>

      <RowsSection
        name="items"
        title={proposalFieldLabels.items}
        hint="Un élément par ligne ; laissez vides les lignes inutiles. Enregistrez pour obtenir de nouvelles lignes."
        rowLabel={(i) => `Élément ${i + 1}`}
        rows={items}
        columns={[
          { key: "name", name: "itemName", label: "nom", md: 5, maxLength: limits.itemName },
          { key: "quantity", name: "itemQuantity", label: "quantité", md: 2, inputMode: "numeric" },
          { key: "purpose", name: "itemPurpose", label: "à quoi il sert (facultatif)", md: 5, maxLength: limits.itemPurpose },
        ]}
        errors={errors}
        disabled={readOnly}
      />

      <FormSection title="Fabrication" disabled={readOnly}>
        <SectionCell md={4}>
          <Field {...bound("unitPrice")} inputMode="decimal" hint="En euros, par exemple 1 234,56" />
        </SectionCell>
        <SectionCell md={4}>
          <Field {...bound("monthlyCapacity")} inputMode="numeric" hint="Nombre de kits par mois" />
        </SectionCell>
        <SectionCell md={4}>
          <Field {...bound("leadTimeDays")} inputMode="numeric" hint="En jours" />
        </SectionCell>
        <SectionCell>
          <Select {...bound("licence")} placeholder="Choisissez une licence ouverte" options={licences.map((l) => ({ value: l, label: l }))} />
        </SectionCell>
        <SectionCell>
          <TextArea {...bound("accessibility")} rows={4} maxLength={limits.longText} />
        </SectionCell>
        <SectionCell>
          <TextArea {...bound("environment")} rows={4} maxLength={limits.longText} hint="Réemploi, réparation, matériel reconditionné." />
        </SectionCell>
      </FormSection>

      <RowsSection
        name="team"
        title={proposalFieldLabels.team}
        hint="Le jury ne voit ni l'équipe ni l'organisation."
        rowLabel={(i) => `Personne ${i + 1}`}
        rows={team}
        columns={[
          { key: "name", name: "memberName", label: "nom", md: 6, maxLength: limits.personName },
          { key: "role", name: "memberRole", label: "rôle (facultatif)", md: 6, maxLength: limits.personRole },
        ]}
        errors={errors}
        disabled={readOnly}
      >
        <SectionCell md={6}>
          <Field {...bound("organisationName")} label={`${proposalFieldLabels.organisationName} (facultatif)`} maxLength={limits.organisationName} />
        </SectionCell>
        <SectionCell md={6}>
          <Field
            {...bound("organisationSiret")}
            inputMode="numeric"
            hint="Obligatoire si vous nommez une organisation : 14 chiffres, par exemple 130 025 265 00013"
          />
        </SectionCell>
      </RowsSection>

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
