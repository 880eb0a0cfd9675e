import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { clientOf } from "~/accounts/client.server";
import { InvalidCredentials, TooManyAttempts, accountMessages } from "~/accounts/errors";
import { passwordRules } from "~/accounts/password-policy";
import { changePassword } from "~/accounts/password-reset.server";
import { requireUser } from "~/accounts/permissions.server";
import { passwordChangeSchema } from "~/accounts/schemas";
import { sessionCookie } from "~/accounts/session-cookie.server";
import { parseForm, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

// A refused attempt (429) says when to come back; on a document request only this function sets headers.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction = () => [{ title: "Changer de mot de passe — Kits d'inclusion numérique" }];

const labels = { currentPassword: "Mot de passe actuel", newPassword: "Nouveau mot de passe", passwordConfirmation: "Confirmation du nouveau mot de passe" };

// The browser's password manager tells the current password from the new one by `autocomplete`.
const fields = [
  { name: "currentPassword", autoComplete: "current-password", hint: undefined },
  { name: "newPassword", autoComplete: "new-password", hint: passwordRules },
  { name: "passwordConfirmation", autoComplete: "new-password", hint: undefined },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(await readFormData(request), passwordChangeSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  let session: { token: string; expiresAt: Date };
  try {
    session = await changePassword({
      userId: user.id,
      currentPassword: form.data.currentPassword,
      newPassword: form.data.newPassword,
      secondFactorDone: user.secondFactorDone,
      client: clientOf(request, context),
    });
  } catch (error) {
    if (error instanceof TooManyAttempts) {
      const errors: FieldErrors = { _form: accountMessages.tooManyAttempts(error.retryAfterSeconds) };
      return data({ errors }, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
    }
    if (error instanceof InvalidCredentials) {
      const errors: FieldErrors = { currentPassword: "Ce n'est pas votre mot de passe actuel. Vérifiez la saisie, majuscules comprises." };
      return data({ errors }, { status: 400 });
    }
    throw error;
  }
  // Every other session has ended; this browser carries on with a new one.
  throw redirect("/compte?motDePasseModifie=1", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const errors: FieldErrors | undefined = result?.errors;
  return (
    <NarrowPage
      title="Changer de mot de passe"
      lead="Vos sessions ouvertes sur d'autres appareils seront fermées ; celle-ci reste ouverte."
    >
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        {fields.map(({ name, autoComplete, hint }) => (
          <Field key={name} label={labels[name]} name={name} type="password" autoComplete={autoComplete} required hint={hint} error={errors?.[name]} />
        ))}
        <SubmitButton>Changer le mot de passe</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        Vous ne connaissez plus votre mot de passe actuel ? <Link to="/mot-de-passe-oublie">Mot de passe oublié</Link>
      </p>
    </NarrowPage>
  );
}
