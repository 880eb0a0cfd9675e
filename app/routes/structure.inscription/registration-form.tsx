import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { structureKindLabels, structureKinds } from "~/structures/kinds";
import { registrationLabels } from "~/structures/schemas";
import { FormSection, SectionCell, Select } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { CommunePicker, decodeOption, type CommuneOption } from "./commune-picker";

/** What the action answered: a commune search, or a refusal with its errors; both carry what was typed. */
export type RegistrationAnswer =
  | { searched: string; communes: CommuneOption[]; values: Record<string, string>; lists: Record<string, string[]> }
  | { errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> }
  | undefined;

const kindOptions = structureKinds.map((kind) => ({ value: kind, label: structureKindLabels[kind] }));

export function RegistrationForm({ answer }: { answer: RegistrationAnswer }) {
  const values = answer?.values ?? {};
  const errors = answer && "errors" in answer ? answer.errors : {};
  const searched = answer && "searched" in answer ? answer.searched : null;
  const options =
    answer && "communes" in answer
      ? answer.communes
      : (answer?.lists.communeOption ?? []).map(decodeOption).filter((option): option is CommuneOption => option !== null);
  const field = (name: string) => ({ label: registrationLabels[name], name, defaultValue: values[name], error: errors[name] });
  return (
    <>
      <ErrorSummary errors={errors} labels={registrationLabels} />
      <Form method="post" noValidate>
        {/* Enter in a field presses a form's first submit button: this one, so that it registers, not « Rechercher ». */}
        <button type="submit" name="intent" value="enter" hidden tabIndex={-1} aria-hidden="true" />
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <FormSection title="Identité de la structure">
          <SectionCell>
            <Field
              {...field("siret")}
              hint="14 chiffres, par exemple 130 025 265 00013 (annuaire-entreprises.data.gouv.fr)."
              inputMode="numeric"
              maxLength={40}
              required
            />
          </SectionCell>
          <SectionCell>
            <Field {...field("legalName")} hint="Telle qu'au répertoire SIRENE." maxLength={200} required autoComplete="organization" />
          </SectionCell>
          <SectionCell>
            <Select {...field("kind")} options={kindOptions} placeholder="Choisissez un type" required />
          </SectionCell>
        </FormSection>
        <CommunePicker query={values.communeQuery ?? ""} searched={searched} options={options} chosen={values.commune ?? ""} error={errors.commune} />
        <FormSection title="Livraison des kits">
          <SectionCell>
            <Field {...field("address")} hint="Numéro et voie, complément éventuel." maxLength={300} required autoComplete="street-address" />
          </SectionCell>
          <SectionCell md={4}>
            <Field
              {...field("postal")}
              hint="L'un des codes postaux de la commune."
              inputMode="numeric"
              maxLength={5}
              required
              autoComplete="postal-code"
            />
          </SectionCell>
        </FormSection>
        <FormSection title="Personne à contacter">
          <SectionCell md={6}>
            <Field {...field("contactName")} hint="Prénom et nom." maxLength={200} required autoComplete="name" />
          </SectionCell>
          <SectionCell md={6}>
            <Field {...field("contactPhone")} hint="Par exemple 01 23 45 67 89." type="tel" maxLength={40} required autoComplete="tel" />
          </SectionCell>
        </FormSection>
        <p>Vous pourrez joindre une pièce justificative (PDF, facultative) depuis l'espace de la structure une fois inscrite.</p>
        <SubmitButton>Inscrire la structure</SubmitButton>
      </Form>
    </>
  );
}
