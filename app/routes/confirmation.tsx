import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InvalidToken, accountMessages } from "~/accounts/errors";
import { confirmEmail, resendConfirmation } from "~/accounts/registration.server";
import { emailOnlySchema, tokenSchema } from "~/accounts/schemas";
import { parseForm, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction = () => [{ title: "Confirmation de l'adresse électronique — Kits d'inclusion numérique" }];

const labels = { email: "Adresse électronique" };

/**
 * /confirmation?jeton=… confirms the address and sends on to the login page (the used link leaves
 * the address bar); /confirmation?envoye=1 says a link is on its way; both offer a new link.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.has("jeton")) {
    const token = tokenSchema.safeParse({ jeton: url.searchParams.get("jeton") });
    const confirmed =
      token.success &&
      (await confirmEmail(token.data.jeton).then(
        () => true,
        (error) => {
          if (error instanceof InvalidToken) return false;
          throw error;
        }
      ));
    if (confirmed) throw redirect("/connexion?adresseConfirmee=1");
    return data({ state: "invalid" as const }, { status: 400 });
  }
  return { state: url.searchParams.has("envoye") ? ("sent" as const) : ("ask" as const) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), emailOnlySchema);
  if (!form.ok) return data({ errors: form.errors as FieldErrors, values: form.values }, { status: 400 });
  await resendConfirmation(form.data.email);
  throw redirect("/confirmation?envoye=1");
}

export default function Confirmation() {
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <NarrowPage title="Confirmer votre adresse électronique">
      {state === "sent" ? (
        <Notice kind="success" title="Vérifiez votre messagerie">
          <p>
            Si un compte en attente de confirmation correspond à cette adresse, un courriel vient de lui être envoyé. Ouvrez le lien qu'il
            contient (valable 48 heures) pour activer votre compte, puis connectez-vous.
          </p>
        </Notice>
      ) : null}
      {state === "invalid" ? (
        <Notice kind="error" title="Lien non valable">
          <p>
            {accountMessages.invalidToken} Si votre adresse est déjà confirmée, vous pouvez vous connecter ; sinon, demandez un nouveau lien
            ci-dessous.
          </p>
        </Notice>
      ) : null}
      <h2 className="fr-h4">Recevoir un nouveau lien de confirmation</h2>
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
        <SubmitButton secondary>Renvoyer le lien</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        <Link to="/connexion">Se connecter</Link>
      </p>
    </NarrowPage>
  );
}
