import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TotpAlreadyEnabled } from "~/accounts/errors";
import { requireUser } from "~/accounts/permissions.server";
import { safeRedirectTo, withRedirectTo } from "~/accounts/redirects";
import { redirectQuery, totpCodeSchema } from "~/accounts/schemas";
import { confirmTotpEnrolment, prepareTotpEnrolment } from "~/accounts/second-factor.server";
import { OneTimeCodeField } from "~/accounts/one-time-code-field";
import { formAction } from "~/http/answers.server";
import { readQuery } from "~/http/query";
import { formatDate } from "~/infra/paris-time";
import { ErrorSummary, Notice, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Double authentification") }];

const labels = { code: "Code à usage unique" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const redirectTo = safeRedirectTo(readQuery(request, redirectQuery).redirectTo);
  const enrolment = await prepareTotpEnrolment(user.id);
  if (enrolment.enabled) return { redirectTo, enabledAt: formatDate(enrolment.enabledAt), setup: null };
  const { secret: _secret, ...setup } = enrolment;
  return { redirectTo, enabledAt: null, setup };
}

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request);
  const redirectTo = safeRedirectTo(readQuery(request, redirectQuery).redirectTo);
  const { code } = await form.parse(totpCodeSchema);
  try {
    await confirmTotpEnrolment({ userId: user.id, sessionToken: user.sessionToken, code });
  } catch (error) {
    // Enabled meanwhile (another tab): the goal is reached all the same. A wrong code is a form error (400).
    if (!(error instanceof TotpAlreadyEnabled)) throw error;
  }
  return redirect(redirectTo);
});

export default function TotpEnrolment() {
  const { redirectTo, enabledAt, setup } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  if (!setup) {
    return (
      <NarrowPage title="Double authentification">
        <Notice kind="success" title="Double authentification activée">
          <p>Depuis le {enabledAt}, un code de votre application vous est demandé à chaque connexion.</p>
        </Notice>
        <Link className="fr-btn" to={redirectTo}>
          Continuer
        </Link>
      </NarrowPage>
    );
  }
  return (
    <NarrowPage
      title="Activer la double authentification"
      lead="En plus de votre mot de passe, un code à 6 chiffres, renouvelé toutes les 30 secondes par une application d'authentification, vous sera demandé à chaque connexion."
    >
      <ErrorSummary errors={errors} labels={labels} />
      <h2 className="fr-h4">1. Ajoutez le compte dans votre application</h2>
      <p>
        Utilisez une application d'authentification (par exemple FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator) et scannez ce QR
        code :
      </p>
      <img
        src={setup.qrCodeDataUrl}
        width={200}
        height={200}
        alt="QR code à scanner avec votre application d'authentification ; la clé est aussi donnée en texte ci-dessous."
      />
      <p className="fr-mt-2w">
        Vous ne pouvez pas scanner ? Saisissez cette clé dans l'application (type : basé sur le temps) :
        <br />
        <code className="fr-text--lg" aria-label={`Clé secrète : ${setup.formattedSecret.split("").join(" ")}`}>
          {setup.formattedSecret}
        </code>
      </p>
      <h2 className="fr-h4">2. Saisissez le code affiché</h2>
      <Form method="post" action={withRedirectTo("/compte/double-authentification", redirectTo)} noValidate>
        <RequiredFieldsNote />
        <OneTimeCodeField label={labels.code} error={errors?.code} />
        <SubmitButton>Activer</SubmitButton>
      </Form>
    </NarrowPage>
  );
}
