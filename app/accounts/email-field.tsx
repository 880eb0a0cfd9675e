import { Field } from "~/ui/form";

const emailFormat = "Format attendu : nom@exemple.fr";

/**
 * The e-mail address input of the account pages. On the sign-in form the address is the
 * account's user name, which is what lets the browser's password manager fill it in.
 */
export function EmailField({
  label,
  purpose = "contact",
  note,
  defaultValue,
  error,
}: {
  label: string;
  purpose?: "sign-in" | "contact";
  /** A sentence shown after the expected format. */
  note?: string;
  defaultValue?: string;
  error?: string;
}) {
  return (
    <Field
      label={label}
      name="email"
      type="email"
      autoComplete={purpose === "sign-in" ? "username" : "email"}
      spellCheck={false}
      required
      hint={note ? `${emailFormat}. ${note}` : emailFormat}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
