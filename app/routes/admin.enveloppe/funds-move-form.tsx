import { Form } from "@remix-run/react";
import type { Allocation } from "~/envelope/campaigns.server";
import { fundsMoveLabels } from "~/envelope/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { fieldBinder, Select } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";

/** Moves part of a cap between two départements, or between one and the national reserve. */
export function FundsMoveForm({ allocations, answer }: { allocations: Allocation[]; answer: FormAnswer | undefined }) {
  const errors = answer?.errors ?? {};
  const values: Record<string, string> = { from: "", to: "", ...answer?.values };
  const bound = fieldBinder(fundsMoveLabels, values, errors);
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
        <Select {...bound("from")} options={accounts} placeholder="Choisir" required />
        <Select {...bound("to")} options={accounts} placeholder="Choisir" required />
        <Field {...bound("amount")} inputMode="decimal" required hint="Par exemple 10 000 ou 2 500,50" />
        <Field {...bound("reason")} required maxLength={300} />
        <SubmitButton>Déplacer</SubmitButton>
      </Form>
    </>
  );
}
