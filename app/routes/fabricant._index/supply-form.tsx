import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/infra/domain-errors";
import type { MakerKit } from "~/makers/makers.server";
import { MAX_UNITS_PER_MONTH } from "~/makers/supply";
import type { RegionDepartements } from "~/territories/territories.server";
import { ErrorSummary, Field } from "~/ui/form";
import { supplyLabels } from "~/makers/schemas";

/**
 * One approved kit's declaration: the départements delivered, as checkboxes grouped by région (a
 * fieldset each), and the capacity per month. The form that was just refused carries the ids the
 * error summary links to; the others suffix theirs with the maker and kit.
 */
export function SupplyForm({
  makerId,
  kit,
  regions,
  refused,
}: {
  makerId: number;
  kit: MakerKit;
  regions: RegionDepartements[];
  refused: { errors: FieldErrors; lists: Record<string, string[]>; values: Record<string, string> } | null;
}) {
  const suffix = refused ? "" : `-${makerId}-${kit.kitId}`;
  const errors = refused?.errors ?? {};
  const checked = new Set(refused ? (refused.lists.departements ?? []) : kit.departements);
  const legendId = `couverture-${makerId}-${kit.kitId}`;
  return (
    <Form method="post" noValidate>
      <ErrorSummary errors={refused?.errors} labels={supplyLabels} />
      <input type="hidden" name="makerId" value={makerId} />
      <input type="hidden" name="kitId" value={kit.kitId} />
      <Field
        label="Capacité par mois (unités)"
        name="unitsPerMonth"
        id={`champ-unitsPerMonth${suffix}`}
        hint={`Le nombre de kits « ${kit.title} » que vous pouvez fabriquer chaque mois, au plus ${MAX_UNITS_PER_MONTH.toLocaleString("fr-FR")}.`}
        inputMode="numeric"
        maxLength={6}
        defaultValue={refused ? refused.values.unitsPerMonth : (kit.unitsPerMonth?.toString() ?? "")}
        error={errors.unitsPerMonth}
      />
      <fieldset
        className={`fr-fieldset${errors.departements ? " fr-fieldset--error" : ""}`}
        id={`champ-departements${suffix}`}
        aria-labelledby={`${legendId}${errors.departements ? ` ${legendId}-message` : ""}`}
      >
        <legend className="fr-fieldset__legend fr-text--regular" id={legendId}>
          Départements où vous livrez ce kit
          <span className="fr-hint-text">Cochez chaque département ; ils sont groupés par région.</span>
        </legend>
        {regions.map((region) => (
          <div className="fr-fieldset__element" key={region.code}>
            <fieldset className="fr-fieldset" aria-labelledby={`${legendId}-region-${region.code}`}>
              <legend className="fr-fieldset__legend fr-text--regular fr-text--bold" id={`${legendId}-region-${region.code}`}>
                {region.name}
              </legend>
              {region.departements.map((departement) => {
                const id = `${legendId}-departement-${departement.code}`;
                return (
                  <div className="fr-fieldset__element fr-fieldset__element--inline" key={departement.code}>
                    <div className="fr-checkbox-group fr-checkbox-group--sm">
                      <input type="checkbox" id={id} name="departements" value={departement.code} defaultChecked={checked.has(departement.code)} />
                      <label className="fr-label" htmlFor={id}>
                        {departement.code} — {departement.name}
                      </label>
                    </div>
                  </div>
                );
              })}
            </fieldset>
          </div>
        ))}
        {errors.departements ? (
          <div className="fr-messages-group" id={`${legendId}-message`}>
            <p className="fr-message fr-message--error">{errors.departements}</p>
          </div>
        ) : null}
      </fieldset>
      <button type="submit" name="intent" value="supply" className="fr-btn">
        Enregistrer la couverture et la capacité<span className="fr-sr-only"> : {kit.title}</span>
      </button>
    </Form>
  );
}
