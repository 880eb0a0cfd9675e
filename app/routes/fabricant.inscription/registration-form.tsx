import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import { makerKindLabels, makerKinds } from "~/makers/kinds";
import { makerRegistrationLabels } from "~/makers/schemas";
import { FormSection, SectionCell, Select } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { CommuneChoiceFields, decodeChoices, type CommuneChoice } from "./commune-choice";

/** What the action answered: a commune search, or a refusal with its errors; both carry what was typed. */
export type RegistrationAnswer =
  | { searched: string; communes: CommuneChoice[]; values: Record<string, string>; lists: Record<string, string[]> }
  | { errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> }
  | undefined;

const kindOptions = makerKinds.map((kind) => ({ value: kind, label: makerKindLabels[kind] }));

export function MakerRegistrationForm({ answer }: { answer: RegistrationAnswer }) {
  const values = answer?.values ?? {};
  const errors = answer && "errors" in answer ? answer.errors : {};
  const searched = answer && "searched" in answer ? answer.searched : null;
  const choices = answer && "communes" in answer ? answer.communes : decodeChoices(answer?.lists.communeOption);
  const field = (name: string) => ({ label: makerRegistrationLabels[name], name, defaultValue: values[name], error: errors[name] });
  return (
    <>
      <ErrorSummary errors={errors} labels={makerRegistrationLabels} />
      <Form method="post" noValidate>
        {/* Enter in a field presses a form's first submit button: this one, so that it registers, not « Rechercher ». */}
        <button type="submit" name="intent" value="enter" hidden tabIndex={-1} aria-hidden="true" />
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <FormSection title="Identité du fabricant">
          <SectionCell>
            <Field
              {...field("siret")}
              hint="14 chiffres, par exemple 130 025 265 00013 (annuaire-entreprises.data.gouv.fr)."
              inputMode="numeric"
              maxLength={40}
              autoComplete="off"
            />
          </SectionCell>
          <SectionCell>
            <Field {...field("name")} hint="Le nom sous lequel les structures vous connaissent." maxLength={200} autoComplete="organization" />
          </SectionCell>
          <SectionCell>
            <Select {...field("kind")} options={kindOptions} placeholder="Choisissez un type" />
          </SectionCell>
        </FormSection>
        <FormSection title="Commune du fabricant" hint="Là où vous fabriquez les kits.">
          <CommuneChoiceFields
            query={values.communeQuery ?? ""}
            searched={searched}
            choices={choices}
            chosen={values.commune ?? ""}
            error={errors.commune}
          />
        </FormSection>
        <FormSection title="Personne à contacter">
          <SectionCell md={6}>
            <Field {...field("contactName")} hint="Prénom et nom." maxLength={200} autoComplete="name" />
          </SectionCell>
          <SectionCell md={6}>
            <Field {...field("contactPhone")} hint="Par exemple 01 23 45 67 89." type="tel" maxLength={40} autoComplete="tel" />
          </SectionCell>
        </FormSection>
        <SubmitButton>Inscrire le fabricant</SubmitButton>
      </Form>
    </>
  );
}
