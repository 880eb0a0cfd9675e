import { Field } from "~/ui/form";

const codeFormat = "6 chiffres, par exemple 123456.";

/** The input of a 6-digit code from an authenticator app; `one-time-code` lets the device offer it. */
export function OneTimeCodeField({
  label,
  note,
  error,
}: {
  label: string;
  /** A sentence shown after the expected format. */ note?: string;
  error?: string;
}) {
  return (
    <Field
      label={label}
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      spellCheck={false}
      required
      hint={note ? `${codeFormat} ${note}` : codeFormat}
      error={error}
    />
  );
}
