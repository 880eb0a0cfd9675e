import { Field } from "~/ui/form";
import { passwordRules } from "./password-policy";

const autoCompletes = { current: "current-password", new: "new-password", confirmation: "new-password" } as const;

/**
 * A password input of the account pages. The browser's password manager tells the current
 * password from a new one by `autocomplete`; a new password shows the rules it must follow.
 */
export function PasswordField({ label, name, purpose, error }: { label: string; name: string; purpose: keyof typeof autoCompletes; error?: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={autoCompletes[purpose]}
      required
      hint={purpose === "new" ? passwordRules : undefined}
      error={error}
    />
  );
}
