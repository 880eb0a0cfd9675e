import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { FieldFrame } from "./form";

type TextAreaProps = { label: string; name: string; error?: string; hint?: ReactNode } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

/** A DSFR textarea with its label, hint and error message. */
export function TextArea({ label, name, error, hint, id, ...textarea }: TextAreaProps) {
  return (
    <FieldFrame group="fr-input-group" inputId={id ?? `champ-${name}`} label={label} hint={hint} error={error}>
      {(a11y) => <textarea className={`fr-input${error ? " fr-input--error" : ""}`} name={name} {...a11y} {...textarea} />}
    </FieldFrame>
  );
}

type SelectProps = {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">;

export function Select({ label, name, error, hint, options, placeholder, id, ...select }: SelectProps) {
  return (
    <FieldFrame group="fr-select-group" inputId={id ?? `champ-${name}`} label={label} hint={hint} error={error}>
      {(a11y) => (
        <select className={`fr-select${error ? " fr-select--error" : ""}`} name={name} {...a11y} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A group of DSFR checkboxes sharing one name, with one error for the group. */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  checked: readonly string[];
  error?: string;
  hint?: ReactNode;
}) {
  const groupId = `champ-${name}`;
  const messageId = `${groupId}-message`;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id={groupId}
      aria-labelledby={`${groupId}-legend${error ? ` ${messageId}` : ""}`}
      role="group"
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={`${groupId}-legend`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((option, index) => (
        <div className="fr-fieldset__element fr-fieldset__element--inline" key={option}>
          <div className="fr-checkbox-group">
            <input type="checkbox" id={`${groupId}-${index}`} name={name} value={option} defaultChecked={checked.includes(option)} />
            <label className="fr-label" htmlFor={`${groupId}-${index}`}>
              {option}
            </label>
          </div>
        </div>
      ))}
      {error ? (
        <div className="fr-messages-group" id={messageId} aria-live="assertive">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}
