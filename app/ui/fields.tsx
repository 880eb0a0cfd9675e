import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldErrors } from "~/infra/domain-errors";
import { Field, FieldFrame } from "./form";

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

/** A checkbox's value, or its value with its own label and hint when they differ. */
export type CheckboxOption = string | { value: string; label: ReactNode; hint?: ReactNode };

/**
 * A group of DSFR checkboxes or radio buttons sharing one name, its legend naming the question,
 * with one error for the group, read with the legend.
 */
function ChoiceGroup({
  type,
  legend,
  name,
  options,
  checked,
  error,
  hint,
  id,
  inline = true,
}: {
  type: "checkbox" | "radio";
  legend: string;
  name: string;
  id?: string;
  options: readonly CheckboxOption[];
  checked: readonly string[];
  error?: string;
  hint?: ReactNode;
  inline?: boolean;
}) {
  const groupId = id ?? `champ-${name}`;
  const messageId = `${groupId}-message`;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id={groupId}
      aria-labelledby={`${groupId}-legend${error ? ` ${messageId}` : ""}`}
      role={type === "checkbox" ? "group" : undefined}
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={`${groupId}-legend`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((option, index) => {
        const { value, label, hint: optionHint } = typeof option === "string" ? { value: option, label: option, hint: undefined } : option;
        return (
          <div className={`fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`} key={value}>
            <div className={type === "checkbox" ? "fr-checkbox-group" : "fr-radio-group"}>
              <input type={type} id={`${groupId}-${index}`} name={name} value={value} defaultChecked={checked.includes(value)} />
              <label className="fr-label" htmlFor={`${groupId}-${index}`}>
                {label}
                {optionHint ? <span className="fr-hint-text">{optionHint}</span> : null}
              </label>
            </div>
          </div>
        );
      })}
      {error ? (
        <div className="fr-messages-group" id={messageId}>
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}

type GroupProps = Omit<Parameters<typeof ChoiceGroup>[0], "type" | "inline">;

/** A group of DSFR checkboxes sharing one name, with one error for the group. */
export function CheckboxGroup(props: GroupProps) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

/** A group of DSFR radio buttons sharing one name (`checked`: the chosen value, if any), laid in a row when `inline`. */
export function RadioGroup({ checked, inline = false, ...props }: Omit<GroupProps, "checked"> & { checked: string | undefined; inline?: boolean }) {
  return <ChoiceGroup type="radio" inline={inline} checked={checked === undefined ? [] : [checked]} {...props} />;
}

/** A titled part of a long form: a DSFR fieldset whose legend is a heading, with an optional hint. */
export function FormSection({
  title,
  hint,
  id,
  disabled,
  describedBy,
  children,
}: {
  title: string;
  hint?: ReactNode;
  id?: string;
  disabled?: boolean;
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="fr-fieldset" id={id} disabled={disabled} aria-describedby={describedBy}>
      <legend className="fr-fieldset__legend">
        <h2 className="fr-h4 fr-mb-0">{title}</h2>
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {children}
    </fieldset>
  );
}

/** One control of a FormSection; `md` is its width out of 12 columns on medium screens and up. */
export function SectionCell({ md, children }: { md?: 4 | 6; children: ReactNode }) {
  return <div className={`fr-fieldset__element${md ? ` fr-col-12 fr-col-md-${md}` : ""}`}>{children}</div>;
}

/** The label, name, value and error of a form's text field, read from the form's labels, values and errors by name. */
export function fieldBinder<Values extends Record<string, unknown>>(labels: Record<string, string>, values: Values, errors: FieldErrors) {
  return <Name extends keyof Values & string>(name: Name) => ({ label: labels[name], name, defaultValue: values[name], error: errors[name] });
}

export type RowColumn<Row> = {
  key: keyof Row & string;
  /** The form field's name, the same on every row (the server reads parallel lists). */
  name: string;
  label: string;
  md: 2 | 4 | 5 | 6;
  maxLength?: number;
  inputMode?: "numeric";
  hint?: (index: number) => ReactNode;
};

/**
 * A section of rows typed alike (criteria, kit items, people): one line of fields a row, ids and
 * error keys `${name}.${index}.${key}`, and the error about the rows as a whole first, wired to
 * the fieldset. `children` come after the rows.
 */
export function RowsSection<Row extends Record<string, string>>({
  name,
  title,
  hint,
  rowLabel,
  rows,
  columns,
  errors,
  disabled,
  children,
}: {
  name: string;
  title: string;
  hint?: ReactNode;
  rowLabel: (index: number) => string;
  rows: readonly Row[];
  columns: readonly RowColumn<Row>[];
  errors: FieldErrors;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const messageId = `champ-${name}-message`;
  const error = errors[name];
  return (
    <FormSection title={title} hint={hint} id={`champ-${name}`} disabled={disabled} describedBy={error ? messageId : undefined}>
      {error ? (
        <p className="fr-error-text fr-fieldset__element" id={messageId}>
          {error}
        </p>
      ) : null}
      {rows.map((row, i) => (
        <div className="fr-fieldset__element" key={i}>
          <div className="fr-grid-row fr-grid-row--gutters">
            {columns.map((column) => (
              <div className={`fr-col-12 fr-col-md-${column.md}`} key={column.key}>
                <Field
                  label={`${rowLabel(i)} : ${column.label}`}
                  name={column.name}
                  id={`champ-${name}-${i}-${column.key}`}
                  defaultValue={row[column.key]}
                  error={errors[`${name}.${i}.${column.key}`]}
                  maxLength={column.maxLength}
                  inputMode={column.inputMode}
                  hint={column.hint?.(i)}
                />
              </div>
            ))}
          </div>
        </div>
      ))}
      {children}
    </FormSection>
  );
}
