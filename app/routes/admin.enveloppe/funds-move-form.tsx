import { Form } from "@remix-run/react";
import type { Allocation } from "~/envelope/campaigns.server";
import { fundsMoveLabels } from "~/envelope/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { Select } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";

/** Moves part of a cap between two départements, or between one and the national reserve. */
export function FundsMoveForm({ allocations, answer }: { allocations: Allocation[]; answer: FormAnswer | undefined }) {
  const errors = answer?.errors;
  const values = answer?.values ?? {};
  const accounts = [
    { value: "reserve", label: "Réserve nationale" },
    ...allocations.map((a) => ({ value: a.departementCode, label: `${a.departementCode} — ${a.departementName}` })),
  ];
  return (
    <>
      <h2 className="fr-mt-6w">Déplacer des fonds</h2>
      <p>Un département ne peut céder que ce qui n'est ni réservé, ni engagé, ni dépensé. Le mouvement et sa raison sont inscrits au grand livre.</p>
      <ErrorSummary errors={errors} labels={fundsMoveLabels} />
      <Form method="post" noValidate>
        <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
        <Select
          label={fundsMoveLabels.from}
          name="from"
          options={accounts}
          placeholder="Choisir"
          required
          defaultValue={values.from ?? ""}
          error={errors?.from}
        />
        <Select
          label={fundsMoveLabels.to}
          name="to"
          options={accounts}
          placeholder="Choisir"
          required
          defaultValue={values.to ?? ""}
          error={errors?.to}
        />
        <Field
          label={fundsMoveLabels.amount}
          name="amount"
          inputMode="decimal"
          required
          hint="Par exemple 10 000 ou 2 500,50"
          defaultValue={values.amount}
          error={errors?.amount}
        />
        <Field label={fundsMoveLabels.reason} name="reason" required maxLength={300} defaultValue={values.reason} error={errors?.reason} />
        <SubmitButton>Déplacer</SubmitButton>
      </Form>
    </>
  );
}
