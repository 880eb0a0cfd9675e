import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { landingPage } from "~/accounts/landing";
import { PasswordField } from "~/accounts/password-field";
import { getCurrentUser } from "~/accounts/permissions.server";
import { signUp } from "~/accounts/registration.server";
import { signupSchema } from "~/accounts/schemas";
import { EmailField } from "~/accounts/email-field";
import { formAction } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { ErrorSummary, Field, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Créer un compte") }];

const labels = { name: "Nom et prénom", email: "Adresse électronique", password: "Mot de passe" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  if (user) throw redirect(landingPage(user.memberships));
  return null;
}

export const action = /* @__PURE__ */ formAction(async ({ form }) => {
  await signUp(await form.parse(signupSchema));
  // The same page whether the address was new or already known: nothing reveals an account.
  return redirectWithNotice("/confirmation", "envoye");
});

export default function SignUp() {
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values = result?.values ?? {};
  return (
    <NarrowPage
      title="Créer un compte"
      lead="Un seul compte pour proposer un kit au concours d'innovation, commander des kits pour une structure ou, bientôt, les fabriquer : vous direz ce qui vous amène après votre première connexion."
    >
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate>
        <RequiredFieldsNote />
        <Field label={labels.name} name="name" autoComplete="name" required defaultValue={values.name} error={errors?.name} />
        <EmailField label={labels.email} note="Un lien de confirmation y sera envoyé." defaultValue={values.email} error={errors?.email} />
        <PasswordField label={labels.password} name="password" purpose="new" error={errors?.password} />
        <SubmitButton>Créer mon compte</SubmitButton>
      </Form>
      <p className="fr-mt-4w">
        Vous avez déjà un compte ? <Link to="/connexion">Se connecter</Link>
      </p>
    </NarrowPage>
  );
}
