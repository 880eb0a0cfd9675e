import { useEffect, useRef } from "react";
import { Field } from "~/ui/form";
import { Select } from "~/ui/fields";
import { plural } from "~/ui/plural";

/** A found commune as the list shows it: its INSEE code and « Name (département) — postal codes ». */
export type CommuneChoice = { value: string; label: string };

export function communeChoice(c: { inseeCode: string; name: string; departementCode: string; postalCodes: string[] }): CommuneChoice {
  return { value: c.inseeCode, label: `${c.name} (${c.departementCode}) — ${c.postalCodes.join(", ")}` };
}

/** The communes listed before a refusal, posted back as hidden `communeOption` fields « code|label ». */
export function decodeChoices(posted: string[] | undefined): CommuneChoice[] {
  return (posted ?? []).flatMap((entry) => {
    const [value, label] = entry.split("|");
    return value && label ? [{ value, label }] : [];
  });
}

/**
 * The maker's commune: a search by name or postal code (« Rechercher » submits the whole form, so it
 * works without JavaScript and keeps what was typed), then a list of the communes found.
 */
export function CommuneChoiceFields({
  query,
  searched,
  choices,
  chosen,
  error,
}: {
  query: string;
  searched: string | null;
  choices: CommuneChoice[];
  chosen: string;
  error?: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  // After a search the keyboard goes to its result, which appeared below the button just pressed.
  useEffect(() => {
    if (searched !== null) list.current?.querySelector<HTMLElement>("select, [role=status]")?.focus();
  }, [searched, choices]);
  return (
    <>
      <div className="fr-fieldset__element">
        <Field
          label="Rechercher la commune (nom ou code postal)"
          name="communeQuery"
          hint="Par exemple « Aurillac » ou 15000, puis « Rechercher »."
          defaultValue={query}
          maxLength={100}
          autoComplete="off"
          error={choices.length === 0 ? error : undefined}
        />
        <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit" name="intent" value="search">
          Rechercher
        </button>
      </div>
      <div className="fr-fieldset__element" ref={list}>
        {searched !== null && choices.length === 0 ? (
          <p role="status" tabIndex={-1}>
            Aucune commune ne correspond à « {searched} » : tapez au moins 2 lettres du nom, ou les 5 chiffres du code postal.
          </p>
        ) : null}
        {choices.length > 0 ? (
          <>
            {choices.map((choice) => (
              <input key={choice.value} type="hidden" name="communeOption" value={`${choice.value}|${choice.label}`} />
            ))}
            <Select
              label="Commune"
              name="commune"
              hint={plural(choices.length, "commune trouvée", "communes trouvées")}
              options={choices}
              defaultValue={chosen || choices[0].value}
              error={error}
            />
          </>
        ) : null}
      </div>
    </>
  );
}
