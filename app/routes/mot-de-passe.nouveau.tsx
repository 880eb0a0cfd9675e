import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invalidTokenMessage } from "~/accounts/errors";
import { PasswordField } from "~/accounts/password-field";
import { isResetTokenValid, resetPassword } from "~/accounts/password-reset.server";
import { passwordResetSchema, tokenQuery } from "~/accounts/schemas";
import { clearedSessionCookie } from "~/accounts/session-cookie.server";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { ErrorSummary, Notice, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Nouveau mot de passe") }];

const labels = { password: "Nouveau mot de passe" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { jeton } = readQuery(request, tokenQuery);
  if (!jeton || !(await isResetTokenValid(jeton))) return data({ jeton: null }, { status: 400 });
  return { jeton };
}

export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  const { jeton, password } = await form.parse(passwordResetSchema);
  await resetPassword({ token: jeton, password });
  // Every session of the account has ended, this browser's included.
  const done = redirectWithNotice("/connexion", "mot-de-passe-modifie");
  done.headers.append("Set-Cookie", clearedSessionCookie());
  return done;
});

export default function NewPassword() {
  const { jeton } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  if (!jeton) {
    return (
      <NarrowPage title="Nouveau mot de passe">
        <Notice kind="error" title="Lien non valable">
          <p>{invalidTokenMessage} Les liens de réinitialisation sont valables 1 heure et ne servent qu'une fois.</p>
        </Notice>
        <Link className="fr-btn" to="/mot-de-passe-oublie">
          Demander un nouveau lien
        </Link>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage title="Nouveau mot de passe" lead="Choisissez le nouveau mot de passe de votre compte. Toutes vos sessions ouvertes seront fermées.">
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <input type="hidden" name="jeton" value={jeton} />
        <PasswordField label={labels.password} name="password" purpose="new" error={errors?.password} />
        <SubmitButton>Enregistrer le mot de passe</SubmitButton>
      </Form>
    </NarrowPage>
  );
}
