import { useEffect, useRef } from "react";
import { Field } from "~/ui/form";
import { plural } from "~/ui/plural";

/** A commune as the picker lists it; it travels with the form as `communeOption` to be listed again. */
export type CommuneOption = { inseeCode: string; name: string; departementCode: string; postalCodes: string[] };

export function encodeOption(c: CommuneOption): string {
  return [c.inseeCode, c.name, c.departementCode, c.postalCodes.join(" ")].join("|");
}

export function decodeOption(value: string): CommuneOption | null {
  const [inseeCode, name, departementCode, postalCodes] = value.split("|");
  if (!inseeCode || !name || !departementCode || postalCodes === undefined) return null;
  return { inseeCode, name, departementCode, postalCodes: postalCodes.split(" ").filter(Boolean) };
}

/**
 * The commune, found by name or postal code: a search field and its « Rechercher » button (a
 * submit button of the whole form, so it works without JavaScript and keeps what was typed), then
 * the matching communes as radio buttons. The listed communes are posted back as hidden fields so
 * that a refused registration lists them again; the server checks the chosen one itself.
 */
export function CommunePicker({
  query,
  searched,
  options,
  chosen,
  error,
}: {
  query: string;
  searched: string | null;
  options: CommuneOption[];
  chosen: string;
  error?: string;
}) {
  const results = useRef<HTMLDivElement>(null);
  // After a search, the keyboard goes to its results: they appeared below the button just pressed.
  useEffect(() => {
    if (searched !== null) results.current?.focus();
  }, [searched, options]);
  return (
    <fieldset className="fr-fieldset" aria-labelledby="commune-legende">
      <legend className="fr-fieldset__legend" id="commune-legende">
        <h2 className="fr-h5 fr-mb-0">Commune de la structure</h2>
      </legend>
      <div className="fr-fieldset__element">
        <Field
          label="Commune (nom ou code postal)"
          name="communeQuery"
          id="champ-commune"
          hint="Tapez le début du nom (par exemple « Saint-Malo ») ou le code postal, puis « Rechercher »."
          defaultValue={query}
          maxLength={100}
          autoComplete="off"
          error={error}
        />
        <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit" name="intent" value="search">
          Rechercher
        </button>
      </div>
      <div className="fr-fieldset__element" ref={results} tabIndex={-1}>
        {searched !== null && options.length === 0 ? (
          <p role="status">
            {searched.length < 2
              ? "Tapez au moins 2 lettres du nom de la commune, ou les 5 chiffres de son code postal."
              : `Aucune commune ne correspond à « ${searched} » : vérifiez l'orthographe ou essayez le code postal.`}
          </p>
        ) : null}
        {options.length > 0 ? (
          <fieldset className="fr-fieldset" aria-labelledby="communes-trouvees">
            <legend className="fr-fieldset__legend fr-text--regular" id="communes-trouvees">
              {plural(options.length, "commune trouvée", "communes trouvées")} : choisissez celle de la structure
            </legend>
            {options.map((option) => (
              <div className="fr-fieldset__element" key={option.inseeCode}>
                <input type="hidden" name="communeOption" value={encodeOption(option)} />
                <div className="fr-radio-group">
                  <input
                    type="radio"
                    id={`commune-${option.inseeCode}`}
                    name="commune"
                    value={option.inseeCode}
                    defaultChecked={option.inseeCode === chosen || options.length === 1}
                  />
                  <label className="fr-label" htmlFor={`commune-${option.inseeCode}`}>
                    {option.name}
                    <span className="fr-hint-text">
                      Département {option.departementCode} — {option.postalCodes.length > 1 ? "codes postaux" : "code postal"}{" "}
                      {option.postalCodes.join(", ")}
                    </span>
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
        ) : null}
      </div>
    </fieldset>
  );
}
