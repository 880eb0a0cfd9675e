import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A DSFR input with its label, hint and error message wired for screen readers. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `champ-${name}`;
  const messageId = `${inputId}-message`;
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      <input
        className={`fr-input${error ? " fr-input--error" : ""}`}
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? messageId : undefined}
        {...input}
      />
      {error ? (
        <p className="fr-error-text" id={messageId}>
          {error}
        </p>
      ) : null}
    </div>
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
