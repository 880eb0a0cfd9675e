import { Form } from "@remix-run/react";
import type { PublishedList, TerritoryRule } from "~/eligibility/rules";
import { rulesLabels } from "~/eligibility/schemas";
import type { FormAnswer } from "~/http/answers.server";
import { formatDate } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { structureKindLabels, structureKinds, type StructureKind } from "~/structures/kinds";
import { CheckboxGroup, fieldBinder, TextArea } from "~/ui/fields";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";
import { plural } from "~/ui/plural";

type CurrentRules = {
  version: number;
  allowedKinds: readonly StructureKind[];
  territory: TerritoryRule;
  lists: readonly { id: number }[];
  franceServicesEverywhere: boolean;
  capCents: number | null;
  capUnits: number | null;
};

type ListChoice = PublishedList & { version: number; communeCount: number };

/** A new version of the rules, starting from the current one (or from everything allowed, for the first). */
export function RulesForm({
  campaignId,
  current,
  lists,
  orderingOpen,
  answer,
}: {
  campaignId: number;
  current: CurrentRules | null;
  lists: readonly ListChoice[];
  orderingOpen: boolean;
  answer: FormAnswer | undefined;
}) {
  const errors = answer?.errors ?? {};
  const start = {
    kinds: current ? [...current.allowedKinds] : [...structureKinds],
    territory: current?.territory ?? "everywhere",
    lists: current ? current.lists.map((list) => String(list.id)) : [],
    franceServicesEverywhere: current?.franceServicesEverywhere ?? false,
    capEuros: current?.capCents ? formatEuros(current.capCents).replace(/\s*€$/, "") : "",
    capUnits: current?.capUnits ? String(current.capUnits) : "",
    reason: "",
  };
  // After a refusal, what was typed; before, the current rules.
  const typed = answer
    ? {
        kinds: answer.lists.kinds ?? [],
        territory: answer.values.territory ?? "",
        lists: answer.lists.lists ?? [],
        franceServicesEverywhere: answer.values.franceServicesEverywhere === "oui",
        capEuros: answer.values.capEuros ?? "",
        capUnits: answer.values.capUnits ?? "",
        reason: answer.values.reason ?? "",
      }
    : start;
  const bound = fieldBinder(rulesLabels, typed, errors);
  return (
    <>
      <h2 className="fr-mt-6w">Nouvelle version des règles</h2>
      {orderingOpen ? (
        <Notice kind="warning" title="Les commandes sont ouvertes">
          <p>
            Un changement doit être motivé ; la raison est conservée avec la nouvelle version. Les commandes déjà passées restent valables : chacune
            garde la version des règles sous laquelle elle a été vérifiée.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} labels={rulesLabels} />
      <Form method="post" noValidate>
        <input type="hidden" name="campaignId" value={campaignId} />
        <input type="hidden" name="basedOn" value={current?.version ?? 0} />
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <CheckboxGroup
          legend={rulesLabels.kinds}
          name="kinds"
          options={structureKinds.map((kind) => ({ value: kind, label: structureKindLabels[kind] }))}
          checked={typed.kinds}
          error={errors.kinds}
        />
        <fieldset
          className={`fr-fieldset${errors.territory ? " fr-fieldset--error" : ""}`}
          id="champ-territory"
          aria-labelledby={`champ-territory-legend${errors.territory ? " champ-territory-message" : ""}`}
        >
          <legend className="fr-fieldset__legend fr-text--regular" id="champ-territory-legend">
            {rulesLabels.territory}
          </legend>
          {[
            { value: "everywhere", label: "Partout en France, outre-mer compris" },
            { value: "lists", label: "Seulement dans les communes des listes cochées ci-dessous" },
          ].map((choice) => (
            <div className="fr-fieldset__element" key={choice.value}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`territory-${choice.value}`}
                  name="territory"
                  value={choice.value}
                  defaultChecked={typed.territory === choice.value}
                />
                <label className="fr-label" htmlFor={`territory-${choice.value}`}>
                  {choice.label}
                </label>
              </div>
            </div>
          ))}
          {errors.territory ? (
            <div className="fr-messages-group" id="champ-territory-message">
              <p className="fr-message fr-message--error">{errors.territory}</p>
            </div>
          ) : null}
        </fieldset>
        {lists.length > 0 ? (
          <CheckboxGroup
            legend={rulesLabels.lists}
            hint="Obligatoire quand la règle porte sur des listes ; chaque liste s'applique dans sa version en vigueur."
            name="lists"
            options={lists.map((list) => ({
              value: String(list.id),
              label: list.name,
              hint: `${list.source} — en vigueur depuis le ${formatDate(`${list.validFrom}T12:00:00Z`)} — version ${list.version}, ${plural(list.communeCount, "commune")}${list.isSample ? " — données d'exemple, pas une donnée officielle" : ""}`,
            }))}
            checked={typed.lists}
            error={errors.lists}
          />
        ) : (
          <p id="champ-lists">
            Aucune liste territoriale n'est importée : importez-en depuis la page Territoires pour fonder une règle sur des listes.
          </p>
        )}
        <div className="fr-checkbox-group fr-mb-3w">
          <input
            type="checkbox"
            id="champ-franceServicesEverywhere"
            name="franceServicesEverywhere"
            value="oui"
            defaultChecked={typed.franceServicesEverywhere}
          />
          <label className="fr-label" htmlFor="champ-franceServicesEverywhere">
            {rulesLabels.franceServicesEverywhere} (facultatif)
            <span className="fr-hint-text">Quand la règle porte sur des listes : les espaces France Services commandent où qu'ils soient.</span>
          </label>
        </div>
        <Field {...bound("capEuros")} inputMode="decimal" hint="Par exemple 2 000 ; vide : pas de plafond en euros." />
        <Field {...bound("capUnits")} inputMode="numeric" hint="Par exemple 10 ; vide : pas de plafond en nombre de kits." />
        <TextArea
          {...bound("reason")}
          label={orderingOpen ? rulesLabels.reason : `${rulesLabels.reason} (facultatif)`}
          hint={
            orderingOpen
              ? "Les commandes sont ouvertes : la raison est obligatoire. Elle figure dans l'historique des versions."
              : "Elle figure dans l'historique des versions."
          }
          rows={3}
          maxLength={500}
          required={orderingOpen}
        />
        <SubmitButton>Enregistrer une nouvelle version</SubmitButton>
      </Form>
    </>
  );
}
