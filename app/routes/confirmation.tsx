import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InvalidToken, invalidTokenMessage } from "~/accounts/errors";
import { confirmEmail, resendConfirmation } from "~/accounts/registration.server";
import { emailOnlySchema, tokenQuery } from "~/accounts/schemas";
import { EmailField } from "~/accounts/email-field";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { ErrorSummary, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Confirmation de l'adresse électronique") }];

const labels = { email: "Adresse électronique" };

/**
 * /confirmation?jeton=… confirms the address and sends on to the login page (the used link leaves
 * the address bar); after a sign-up or a new request it says a link is on its way; both offer a new link.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { jeton } = readQuery(request, tokenQuery);
  if (jeton === undefined) return { invalidLink: false };
  const confirmed =
    jeton !== null &&
    (await confirmEmail(jeton).then(
      () => true,
      (error) => {
        if (error instanceof InvalidToken) return false;
        throw error;
      },
    ));
  if (confirmed) throw redirectWithNotice("/connexion", "adresse-confirmee");
  return data({ invalidLink: true }, { status: 400 });
}

export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  const { email } = await form.parse(emailOnlySchema);
  await resendConfirmation(email);
  return redirectWithNotice("/confirmation", "envoye");
});

export default function Confirmation() {
  const { invalidLink } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <NarrowPage title="Confirmer votre adresse électronique">
      <SuccessNotice
        title="Vérifiez votre messagerie"
        notices={{
          envoye:
            "Si un compte en attente de confirmation correspond à cette adresse, un courriel vient de lui être envoyé. Ouvrez le lien qu'il contient (valable 48 heures) pour activer votre compte, puis connectez-vous.",
        }}
      />
      {invalidLink ? (
        <Notice kind="error" title="Lien non valable">
          <p>{invalidTokenMessage} Si votre adresse est déjà confirmée, vous pouvez vous connecter ; sinon, demandez un nouveau lien ci-dessous.</p>
        </Notice>
      ) : null}
      <h2 className="fr-h4">Recevoir un nouveau lien de confirmation</h2>
      <ErrorSummary errors={result?.errors} labels={labels} />
      <Form method="post" noValidate>
        <EmailField label={labels.email} defaultValue={result?.values?.email} error={result?.errors?.email} />
        <SubmitButton secondary>Renvoyer le lien</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        <Link to="/connexion">Se connecter</Link>
      </p>
    </NarrowPage>
  );
}
