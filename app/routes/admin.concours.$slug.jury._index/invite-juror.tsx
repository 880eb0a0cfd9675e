import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { jurorFieldLabels } from "~/jury/admin-schemas";
import { ErrorSummary, Field, RequiredFieldsNote } from "~/ui/form";

/** The invitation form; emptied after an invitation (a new key), kept as typed after a refusal. */
export function InviteJuror({ actionPath, answer, resetKey }: { actionPath: string; answer: FormAnswer | undefined; resetKey: number }) {
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  return (
    <section className="fr-mb-6w" aria-labelledby="inviter">
      <h2 id="inviter">Inviter un membre du jury</h2>
      <p>
        La personne reçoit un courriel d'invitation. Si elle n'a pas encore de compte, il est créé et le courriel contient un lien pour choisir son
        mot de passe. Une personne qui a une proposition à ce concours ne peut pas en être membre du jury.
      </p>
      <ErrorSummary errors={answer?.errors} labels={jurorFieldLabels} />
      <Form method="post" action={actionPath} noValidate key={search.get("fait") === "invited" ? `invite-${resetKey}` : "invite"}>
        <input type="hidden" name="intent" value="invite" />
        <RequiredFieldsNote />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Field
              label="Adresse électronique"
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={answer?.values.email ?? ""}
              error={answer?.errors.email}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Field
              label="Prénom et nom"
              hint="Utilisé seulement si la personne n'a pas encore de compte."
              name="name"
              autoComplete="off"
              defaultValue={answer?.values.name ?? ""}
              error={answer?.errors.name}
            />
          </div>
        </div>
        <button className="fr-btn" type="submit" disabled={busy}>
          Inviter
        </button>
      </Form>
    </section>
  );
}
