import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InvalidToken, accountMessages } from "~/accounts/errors";
import { passwordRules } from "~/accounts/password-policy";
import { isResetTokenValid, resetPassword } from "~/accounts/password-reset.server";
import { passwordResetSchema, tokenSchema } from "~/accounts/schemas";
import { clearedSessionCookie } from "~/accounts/session-cookie.server";
import { parseForm, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Kits d'inclusion numérique" }];

const labels = { password: "Nouveau mot de passe" };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenSchema.safeParse({ jeton: new URL(request.url).searchParams.get("jeton") ?? undefined });
  if (!token.success || !(await isResetTokenValid(token.data.jeton))) return data({ jeton: null }, { status: 400 });
  return { jeton: token.data.jeton };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), passwordResetSchema);
  if (!form.ok) return data({ errors: form.errors as FieldErrors }, { status: 400 });
  try {
    await resetPassword({ token: form.data.jeton, password: form.data.password });
  } catch (error) {
    if (error instanceof InvalidToken) return data({ errors: { _form: accountMessages.invalidToken } as FieldErrors }, { status: 400 });
    throw error;
  }
  // Every session of the account has ended, this browser's included.
  throw redirect("/connexion?motDePasseModifie=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function NewPassword() {
  const { jeton } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  if (!jeton) {
    return (
      <NarrowPage title="Nouveau mot de passe">
        <Notice kind="error" title="Lien non valable">
          <p>{accountMessages.invalidToken} Les liens de réinitialisation sont valables 1 heure et ne servent qu'une fois.</p>
        </Notice>
        <Link className="fr-btn" to="/mot-de-passe-oublie">
          Demander un nouveau lien
        </Link>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage
      title="Nouveau mot de passe"
      lead="Choisissez le nouveau mot de passe de votre compte. Toutes vos sessions ouvertes seront fermées."
    >
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <input type="hidden" name="jeton" value={jeton} />
        <Field
          label={labels.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={passwordRules}
          error={errors?.password}
        />
        <SubmitButton>Enregistrer le mot de passe</SubmitButton>
      </Form>
    </NarrowPage>
  );
}
