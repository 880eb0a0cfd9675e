import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { clientOf } from "~/accounts/client.server";
import { TooManyAttempts } from "~/accounts/errors";
import { PasswordField } from "~/accounts/password-field";
import { changePassword } from "~/accounts/password-reset.server";
import { requireUser } from "~/accounts/permissions.server";
import { passwordChangeSchema } from "~/accounts/schemas";
import { sessionCookie } from "~/accounts/session-cookie.server";
import { barredAnswer, retryAfterHeaders } from "~/accounts/sign-in-answers.server";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { ErrorSummary, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: pageTitle("Changer de mot de passe") }];

const labels = {
  currentPassword: "Mot de passe actuel",
  newPassword: "Nouveau mot de passe",
  passwordConfirmation: "Confirmation du nouveau mot de passe",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export const action = /* @__PURE__ */ formAction(async ({ request, context, form }) => {
  const user = await requireUser(request);
  const { currentPassword, newPassword } = await form.parse(passwordChangeSchema);
  let session: { token: string; expiresAt: Date };
  try {
    session = await changePassword({
      userId: user.id,
      currentPassword,
      newPassword,
      secondFactorDone: user.secondFactorDone,
      client: clientOf(request, context),
    });
  } catch (error) {
    // Wrong current passwords count as failed logins: throttled is 429; a wrong one is a form error (400).
    if (error instanceof TooManyAttempts) return barredAnswer(error, form.typed());
    throw error;
  }
  // Every other session has ended; this browser carries on with a new one.
  const done = redirectWithNotice("/compte", "mot-de-passe-modifie");
  done.headers.append("Set-Cookie", sessionCookie(session.token, session.expiresAt));
  return done;
});

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <NarrowPage title="Changer de mot de passe" lead="Vos sessions ouvertes sur d'autres appareils seront fermées ; celle-ci reste ouverte.">
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <PasswordField label={labels.currentPassword} name="currentPassword" purpose="current" error={errors?.currentPassword} />
        <PasswordField label={labels.newPassword} name="newPassword" purpose="new" error={errors?.newPassword} />
        <PasswordField label={labels.passwordConfirmation} name="passwordConfirmation" purpose="confirmation" error={errors?.passwordConfirmation} />
        <SubmitButton>Changer le mot de passe</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        Vous ne connaissez plus votre mot de passe actuel ? <Link to="/mot-de-passe-oublie">Mot de passe oublié</Link>
      </p>
    </NarrowPage>
  );
}
