import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientOf } from "~/accounts/client.server";
import { demoHelp, type DemoHelp } from "~/accounts/demo.server";
import { AccountDisabled, EmailNotConfirmed, InvalidCredentials, TooManyAttempts, accountMessages } from "~/accounts/errors";
import { askedDestination, destinationAfterLogin } from "~/accounts/landing";
import { logIn, type LoginResult } from "~/accounts/login.server";
import { getSessionUser } from "~/accounts/permissions.server";
import { withRedirectTo } from "~/accounts/redirects";
import { loginSchema } from "~/accounts/schemas";
import { readSessionToken, sessionCookie } from "~/accounts/session-cookie.server";
import { parseForm, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

// A refused attempt (429) says when to come back; on a document request only this function sets headers.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction = () => [{ title: "Se connecter — Kits d'inclusion numérique" }];

const labels = { email: "Adresse électronique", password: "Mot de passe" };

// Shown after a redirect here from another step (?adresseConfirmee=1, ?motDePasseModifie=1).
const notices = {
  adresseConfirmee: {
    title: "Adresse confirmée",
    text: "Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter.",
  },
  motDePasseModifie: {
    title: "Mot de passe modifié",
    text: "Votre mot de passe a été modifié et toutes vos sessions ont été fermées. Connectez-vous avec le nouveau mot de passe.",
  },
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = askedDestination(url.searchParams.get("redirectTo"));
  const user = await getSessionUser(request);
  if (user?.secondFactorPending) throw redirect(withRedirectTo("/connexion/code", redirectTo, ""));
  if (user) throw redirect(destinationAfterLogin(redirectTo, user.memberships));
  const notice = (Object.keys(notices) as (keyof typeof notices)[]).find((key) => url.searchParams.has(key));
  return { redirectTo, notice: notice ? notices[notice] : null, demo: demoHelp() };
}

type ActionResult = { errors: FieldErrors; values: Record<string, string>; unconfirmedEmail?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), loginSchema);
  if (!form.ok) return data<ActionResult>({ errors: form.errors, values: form.values }, { status: 400 });
  const { email, password } = form.data;
  const redirectTo = askedDestination(form.data.redirectTo);
  const values = { email, redirectTo };
  let session: LoginResult;
  try {
    session = await logIn({ email, password, client: clientOf(request, context), previousToken: readSessionToken(request) });
  } catch (error) {
    return refusal(error, values);
  }
  const headers = { "Set-Cookie": sessionCookie(session.token, session.expiresAt) };
  // With a second factor, /connexion/code chooses the landing page once the code is given.
  const next = session.secondFactorRequired
    ? withRedirectTo("/connexion/code", redirectTo, "")
    : destinationAfterLogin(redirectTo, session.memberships);
  throw redirect(next, { headers });
}

/** The answer to each way a login can be refused; anything else is a real error. */
function refusal(error: unknown, values: Record<string, string>) {
  if (error instanceof TooManyAttempts) {
    return data<ActionResult>(
      { errors: { _form: accountMessages.tooManyAttempts(error.retryAfterSeconds) }, values },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } }
    );
  }
  if (error instanceof InvalidCredentials) {
    return data<ActionResult>({ errors: { _form: accountMessages.invalidCredentials }, values }, { status: 400 });
  }
  if (error instanceof AccountDisabled) {
    return data<ActionResult>({ errors: { _form: accountMessages.accountDisabled }, values }, { status: 403 });
  }
  if (error instanceof EmailNotConfirmed) {
    return data<ActionResult>(
      { errors: { _form: accountMessages.emailNotConfirmed }, values, unconfirmedEmail: error.email },
      { status: 403 }
    );
  }
  throw error;
}

export default function Login() {
  const { redirectTo, notice, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <NarrowPage title="Se connecter">
      {notice ? (
        <Notice kind="success" title={notice.title}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      {result?.unconfirmedEmail ? (
        <Form method="post" action="/confirmation" className="fr-mb-4w">
          <input type="hidden" name="email" value={result.unconfirmedEmail} />
          <SubmitButton secondary>Renvoyer le lien de confirmation</SubmitButton>
        </Form>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={labels.email}
          name="email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          required
          hint="Format attendu : nom@exemple.fr"
          defaultValue={result?.values?.email}
          error={errors?.email}
        />
        <Field label={labels.password} name="password" type="password" autoComplete="current-password" required error={errors?.password} />
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
        {demo.password}&nbsp;». Les espaces gestionnaire et jury demandent un code à usage unique ; sans application d'authentification,
        utilisez celui-ci (il change toutes les 30 secondes, rechargez la page au besoin) :
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
