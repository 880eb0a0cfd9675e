import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requestPasswordReset } from "~/accounts/password-reset.server";
import { emailOnlySchema } from "~/accounts/schemas";
import { parseForm, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction = () => [{ title: "Mot de passe oublié — Kits d'inclusion numérique" }];

const labels = { email: "Adresse électronique" };

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("envoye") };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), emailOnlySchema);
  if (!form.ok) return data({ errors: form.errors as FieldErrors, values: form.values }, { status: 400 });
  await requestPasswordReset(form.data.email);
  // Same answer whether or not an account uses this address.
  throw redirect("/mot-de-passe-oublie?envoye=1");
}

export default function ForgottenPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <NarrowPage
      title="Mot de passe oublié"
      lead="Indiquez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe."
    >
      {sent ? (
        <Notice kind="success" title="Vérifiez votre messagerie">
          <p>
            Si un compte correspond à cette adresse, un courriel vient de lui être envoyé. Le lien qu'il contient est valable 1 heure et ne
            sert qu'une fois. Pensez à regarder dans les courriers indésirables.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <Field
          label={labels.email}
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          required
          hint="Format attendu : nom@exemple.fr"
          defaultValue={result?.values?.email}
          error={result?.errors?.email}
        />
        <SubmitButton>Recevoir un lien</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </NarrowPage>
  );
}
