import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientOf } from "~/accounts/client.server";
import { demoHelp, type DemoHelp } from "~/accounts/demo.server";
import { SignInBarred } from "~/accounts/errors";
import { askedDestination, destinationAfterLogin } from "~/accounts/landing";
import { logIn, type LoginResult } from "~/accounts/login.server";
import { PasswordField } from "~/accounts/password-field";
import { getSessionUser } from "~/accounts/permissions.server";
import { withRedirectTo } from "~/accounts/redirects";
import { loginSchema, redirectQuery } from "~/accounts/schemas";
import { readSessionToken, sessionCookie } from "~/accounts/session-cookie.server";
import { barredAnswer, retryAfterHeaders } from "~/accounts/sign-in-answers.server";
import { EmailField } from "~/accounts/email-field";
import { formAction } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { ErrorSummary, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: pageTitle("Se connecter") }];

const labels = { email: "Adresse électronique", password: "Mot de passe" };

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = askedDestination(readQuery(request, redirectQuery).redirectTo);
  const user = await getSessionUser(request);
  if (user?.secondFactorPending) throw redirect(withRedirectTo("/connexion/code", redirectTo, ""));
  if (user) throw redirect(destinationAfterLogin(redirectTo, user.memberships));
  return { redirectTo, demo: demoHelp() };
}

export const action = /* @__PURE__ */ formAction(async ({ request, context, form }) => {
  const { email, password, redirectTo: asked } = await form.parse(loginSchema);
  const redirectTo = askedDestination(asked);
  let session: LoginResult;
  try {
    session = await logIn({ email, password, client: clientOf(request, context), previousToken: readSessionToken(request) });
  } catch (error) {
    // Disabled, unconfirmed or throttled is a barrier (403, 429); a wrong password is a form error (400).
    if (error instanceof SignInBarred) return barredAnswer(error, form.typed());
    throw error;
  }
  const headers = { "Set-Cookie": sessionCookie(session.token, session.expiresAt) };
  // With a second factor, /connexion/code chooses the landing page once the code is given.
  const next = session.secondFactorRequired
    ? withRedirectTo("/connexion/code", redirectTo, "")
    : destinationAfterLogin(redirectTo, session.memberships);
  return redirect(next, { headers });
});

export default function Login() {
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const unconfirmedEmail = result && "unconfirmedEmail" in result ? result.unconfirmedEmail : null;
  return (
    <NarrowPage title="Se connecter">
      {/* Each step that leads here says what it did, under its own title. */}
      <SuccessNotice
        title="Adresse confirmée"
        notices={{ "adresse-confirmee": "Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter." }}
      />
      <SuccessNotice
        title="Mot de passe modifié"
        notices={{
          "mot-de-passe-modifie":
            "Votre mot de passe a été modifié et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.",
        }}
      />
      <ErrorSummary errors={errors} labels={labels} />
      {unconfirmedEmail ? (
        <Form method="post" action="/confirmation" className="fr-mb-4w">
          <input type="hidden" name="email" value={unconfirmedEmail} />
          <SubmitButton secondary>Renvoyer le lien de confirmation</SubmitButton>
        </Form>
      ) : null}
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField label={labels.email} purpose="sign-in" defaultValue={result?.values?.email} error={errors?.email} />
        <PasswordField label={labels.password} name="password" purpose="current" error={errors?.password} />
        <p>
          <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </p>
        <SubmitButton>Se connecter</SubmitButton>
      </Form>
      <hr className="fr-mt-4w" />
      <h2 className="fr-h5">Vous n'avez pas de compte ?</h2>
      <p>
        <Link className="fr-btn fr-btn--secondary" to="/inscription">
          Créer un compte
        </Link>
      </p>
      {demo ? <DemoAccounts demo={demo} /> : null}
    </NarrowPage>
  );
}

function DemoAccounts({ demo }: { demo: DemoHelp }) {
  return (
    <section className="fr-callout fr-mt-4w" aria-labelledby="demonstration">
      <h2 className="fr-callout__title" id="demonstration">
        Démonstration
      </h2>
      <p className="fr-callout__text">
        Ce portail tourne en mode démonstration, sur sa base embarquée. Les comptes de démonstration ont pour mot de passe «&nbsp;
        {demo.password}&nbsp;». Les espaces gestionnaire et jury demandent un code à usage unique ; sans application d'authentification, utilisez
        celui-ci (il change toutes les 30 secondes, rechargez la page au besoin) :
      </p>
      <ul>
        {demo.codes.map((entry) => (
          <li key={entry.email}>
            {entry.email} : <strong>{entry.code}</strong> (encore {entry.secondsLeft} s)
          </li>
        ))}
      </ul>
    </section>
  );
}
