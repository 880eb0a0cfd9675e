import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/accounts/password-reset.server";
import { emailOnlySchema } from "~/accounts/schemas";
import { EmailField } from "~/accounts/email-field";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { ErrorSummary, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Mot de passe oublié") }];

const labels = { email: "Adresse électronique" };

export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  const { email } = await form.parse(emailOnlySchema);
  await requestPasswordReset(email);
  // Same answer whether or not an account uses this address.
  return redirectWithNotice("/mot-de-passe-oublie", "envoye");
});

export default function ForgottenPassword() {
  const result = useActionData<typeof action>();
  return (
    <NarrowPage title="Mot de passe oublié" lead="Indiquez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.">
      <SuccessNotice
        title="Vérifiez votre messagerie"
        notices={{
          envoye:
            "Si un compte correspond à cette adresse, un courriel vient de lui être envoyé. Le lien qu'il contient est valable 1 heure et ne sert qu'une fois. Pensez à regarder dans les courriers indésirables.",
        }}
      />
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <EmailField label={labels.email} defaultValue={result?.values?.email} error={result?.errors?.email} />
        <SubmitButton>Recevoir un lien</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </NarrowPage>
  );
}
