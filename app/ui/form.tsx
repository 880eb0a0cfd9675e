import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldErrors } from "~/infra/domain-errors";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/**
 * The frame of a DSFR form control: group, label with its hint, the control, and the error
 * message wired to it for screen readers (aria-describedby on the control).
 */
export function FieldFrame({
  group,
  inputId,
  label,
  hint,
  error,
  children,
}: {
  group: "fr-input-group" | "fr-select-group";
  inputId: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (a11y: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const messageId = `${inputId}-message`;
  return (
    <div className={`${group}${error ? ` ${group}--error` : ""}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      {children({ id: inputId, "aria-invalid": error ? true : undefined, "aria-describedby": error ? messageId : undefined })}
      {error ? (
        <p className="fr-error-text" id={messageId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A DSFR input with its label, hint and error message. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  return (
    <FieldFrame group="fr-input-group" inputId={id ?? `champ-${name}`} label={label} hint={hint} error={error}>
      {(a11y) => <input className={`fr-input${error ? " fr-input--error" : ""}`} name={name} {...a11y} {...input} />}
    </FieldFrame>
  );
}

export function Notice({ kind, title, children }: { kind: "success" | "error" | "info" | "warning"; title: string; children?: ReactNode }) {
  return (
    <div className={`fr-alert fr-alert--${kind} fr-mb-3w`} role={kind === "error" ? "alert" : "status"}>
      <h2 className="fr-alert__title">{title}</h2>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

/**
 * The errors of a submitted form, each linked to its field; a message about the form as a whole
 * (key `_form`) comes first, without a link. After every failed submit, the same errors twice
 * included (each answer is a new object), focus moves to the summary: it scrolls into view and
 * screen readers read it, once. No role=alert besides, which would announce it a second time.
 */
export function ErrorSummary({ errors, labels }: { errors?: FieldErrors; labels: Record<string, string> }) {
  const summary = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = Boolean(errors && Object.keys(errors).length > 0);
  useEffect(() => {
    if (shown) summary.current?.focus();
  }, [errors, shown]);
  if (!errors || !shown) return null;
  const general = errors._form;
  const fields = Object.entries(errors).filter(([field]) => field !== "_form");
  return (
    <div className="fr-alert fr-alert--error fr-mb-3w" ref={summary} tabIndex={-1} aria-labelledby={titleId} data-error-summary="">
      <h2 className="fr-alert__title" id={titleId}>
        {fields.length > 0 ? "Le formulaire contient des erreurs" : "Votre demande n'a pas abouti"}
      </h2>
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
    </div>
  );
}

/**
 * Said once at the top of a form, as the DSFR does (RGAA 11.10); an optional field says
 * « (facultatif) » in its label. A form whose fields are required only at some step says so.
 */
export function RequiredFieldsNote({ children = "Tous les champs sont obligatoires sauf mention contraire." }: { children?: ReactNode }) {
  return <p className="fr-hint-text">{children}</p>;
}

export function SubmitButton({ children, secondary = false }: { children: ReactNode; secondary?: boolean }) {
  return (
    <button className={`fr-btn${secondary ? " fr-btn--secondary" : ""}`} type="submit">
      {children}
    </button>
  );
}
