import { Form } from "@remix-run/react";

/** A DSFR search bar that filters a list page through its query string (GET). */
export function SearchBar({
  id,
  name,
  label,
  placeholder,
  defaultValue,
  button,
}: {
  id: string;
  name: string;
  label: string;
  placeholder: string;
  defaultValue: string;
  button: "Filtrer" | "Rechercher";
}) {
  return (
    <Form method="get" className="fr-mb-4w">
      <div className="fr-search-bar" role="search">
        <label className="fr-label" htmlFor={id}>
          {label}
        </label>
        <input className="fr-input" id={id} name={name} type="search" placeholder={placeholder} defaultValue={defaultValue} />
        <button className="fr-btn" type="submit" title={button}>
          {button}
        </button>
      </div>
    </Form>
  );
}
