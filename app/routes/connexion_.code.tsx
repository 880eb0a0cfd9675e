import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clientOf } from "~/accounts/client.server";
import { demoHelp } from "~/accounts/demo.server";
import { TooManyAttempts } from "~/accounts/errors";
import { askedDestination, destinationAfterLogin } from "~/accounts/landing";
import { verifySecondFactor } from "~/accounts/login.server";
import { getSessionUser } from "~/accounts/permissions.server";
import { withRedirectTo } from "~/accounts/redirects";
import { redirectQuery, totpCodeSchema } from "~/accounts/schemas";
import { barredAnswer, retryAfterHeaders } from "~/accounts/sign-in-answers.server";
import { OneTimeCodeField } from "~/accounts/one-time-code-field";
import { formAction } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { ErrorSummary, Notice, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: pageTitle("Code à usage unique") }];

const labels = { code: "Code à usage unique" };

/** The session waiting for its code, or a redirect: to /connexion without one, onwards when nothing is missing. */
async function pendingUser(request: Request) {
  const asked = askedDestination(readQuery(request, redirectQuery).redirectTo);
  const user = await getSessionUser(request);
  if (!user) throw redirect(withRedirectTo("/connexion", asked, ""));
  const redirectTo = destinationAfterLogin(asked, user.memberships);
  if (!user.secondFactorPending) throw redirect(redirectTo);
  return { user, redirectTo };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, redirectTo } = await pendingUser(request);
  return { redirectTo, demo: demoHelp(user.email) };
}

export const action = /* @__PURE__ */ formAction(async ({ request, context, form }) => {
  const { user, redirectTo } = await pendingUser(request);
  const { code } = await form.parse(totpCodeSchema);
  try {
    await verifySecondFactor({ userId: user.id, sessionToken: user.sessionToken, code, client: clientOf(request, context) });
  } catch (error) {
    // Throttled is answered 429 with its delay; a wrong code is a form error (400).
    if (error instanceof TooManyAttempts) return barredAnswer(error, form.typed());
    throw error;
  }
  return redirect(redirectTo);
});

export default function SecondFactor() {
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <NarrowPage
      title="Code à usage unique"
      lead="Votre compte est protégé par une double authentification. Saisissez le code à 6 chiffres affiché par votre application d'authentification."
    >
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" action={withRedirectTo("/connexion/code", redirectTo, "")} noValidate>
        <RequiredFieldsNote />
        <OneTimeCodeField label={labels.code} note="Le code change toutes les 30 secondes." error={errors?.code} />
        <SubmitButton>Valider</SubmitButton>
      </Form>
      {demo ? (
        <Notice kind="info" title="Démonstration">
          <p>
            Sans application d'authentification, utilisez le code actuel du compte de démonstration : <strong>{demo.codes[0].code}</strong> (encore{" "}
            {demo.codes[0].secondsLeft} s ; rechargez la page pour un nouveau code).
          </p>
        </Notice>
      ) : null}
      <Form method="post" action="/deconnexion" className="fr-mt-4w">
        <button className="fr-btn fr-btn--tertiary" type="submit">
          Annuler et se déconnecter
        </button>
      </Form>
    </NarrowPage>
  );
}
