import type { ReactNode } from "react";
import type { FormErrors } from "~/infra/forms";
import { Notice } from "~/ui/form";

// Pieces shared by the account pages (sign-up, login, password, second factor).

/** A narrow centred column with the page title, as DSFR does for its connection pages. */
export function AccountPage({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-9 fr-col-lg-7">
          <h1>{title}</h1>
          {lead ? <p className="fr-text--lead">{lead}</p> : null}
          {children}
        </div>
      </div>
    </div>
  );
}

/**
 * The errors of a submitted form, announced at once (role=alert) and each linked to its field.
 * A message about the form as a whole (key `_form`) comes first, without a link.
 */
export function ErrorSummary({ errors, labels }: { errors?: FormErrors; labels: Record<string, string> }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  const general = errors._form;
  const fields = Object.entries(errors).filter(([field]) => field !== "_form");
  return (
    <Notice kind="error" title={fields.length > 0 ? "Le formulaire contient des erreurs" : "Votre demande n'a pas abouti"}>
      {general ? <p>{general}</p> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              {labels[field] ? (
                <a href={`#champ-${field}`}>
                  {labels[field]} : {message}
                </a>
              ) : (
                message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}

export function SubmitButton({ children, secondary = false }: { children: ReactNode; secondary?: boolean }) {
  return (
    <button className={`fr-btn${secondary ? " fr-btn--secondary" : ""}`} type="submit">
      {children}
    </button>
  );
}
