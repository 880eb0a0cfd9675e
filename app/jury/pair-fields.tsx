import type { FieldErrors } from "~/infra/domain-errors";
import { Select } from "~/ui/fields";
import { Field } from "~/ui/form";

/**
 * The two fields that name a (juror, proposal) pair in the admin's jury forms (a conflict, an
 * assignment by hand), showing back what was typed after a refusal.
 */
export function PairFields({
  jurors,
  typed,
  errors,
  jurorId,
}: {
  jurors: readonly { userId: number; name: string }[];
  typed: Record<string, string> | undefined;
  errors: FieldErrors | undefined;
  /** The juror chosen beforehand, when the page has one. */
  jurorId?: number;
}) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <Select
          label="Membre du jury"
          name="userId"
          options={jurors.map((juror) => ({ value: String(juror.userId), label: juror.name }))}
          placeholder="Choisir"
          defaultValue={typed?.userId ?? (jurorId ? String(jurorId) : "")}
          error={errors?.userId}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Field
          label="Numéro de la proposition"
          name="proposalId"
          inputMode="numeric"
          defaultValue={typed?.proposalId ?? ""}
          error={errors?.proposalId}
        />
      </div>
    </div>
  );
}
