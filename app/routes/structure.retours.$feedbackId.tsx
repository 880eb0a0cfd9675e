import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { answerFeedback, findFeedbackForMember } from "~/feedback/feedback.server";
import { feedbackAnswerLabels, feedbackAnswerSchema, MAX_COMMENT, ratingLabels, ratings } from "~/feedback/schemas";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { formatInteger } from "~/media/media";
import { BackLink } from "~/ui/back-link";
import { CheckboxGroup, RadioGroup, TextArea } from "~/ui/fields";
import { ErrorSummary, Field, Notice, RequiredFieldsNote, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

// A structure's member says how a delivered kit is used, once (the link comes by e-mail).

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Votre retour sur le kit « ${data.kitTitle} »` : "Questionnaire introuvable", "Espace structure") },
];

const missing = "Ce questionnaire est introuvable : vérifiez le lien reçu par courriel.";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  return findFeedbackForMember({ feedbackId: requireRecordId(params.feedbackId, missing), userId: user.id });
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "structure" });
  const feedbackId = requireRecordId(params.feedbackId, missing);
  const answer = await form.parse(feedbackAnswerSchema);
  await answerFeedback({ feedbackId, userId: user.id, answer, now: now() });
  return redirectWithNotice(`/structure/retours/${feedbackId}`, "merci");
});

export default function FeedbackQuestionnaire() {
  const feedback = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.errors ?? {};
  const values = answer?.values ?? {};
  return (
    <NarrowPage title={`Votre retour sur le kit « ${feedback.kitTitle} »`} lead={`Pour ${feedback.structureName}.`}>
      <BackLink to="/structure/retours">Vos retours sur les kits reçus</BackLink>
      <SuccessNotice
        notices={{ merci: "Merci ! Votre retour est enregistré ; il paraîtra sur la page du kit après relecture par l'équipe du programme." }}
      />
      <ErrorSummary errors={answer?.errors} labels={feedbackAnswerLabels} />
      {feedback.answer ? (
        <>
          <Notice kind="info" title="Votre structure a répondu à ce questionnaire" />
          <dl>
            <dt className="fr-text--bold">Note</dt>
            <dd className="fr-ml-0 fr-mb-2w">
              {feedback.answer.rating} sur 5 ({ratingLabels[feedback.answer.rating as (typeof ratings)[number]]})
            </dd>
            <dt className="fr-text--bold">Personnes accompagnées</dt>
            <dd className="fr-ml-0 fr-mb-2w">{formatInteger(feedback.answer.peopleReached)}</dd>
            <dt className="fr-text--bold">Thèmes abordés</dt>
            <dd className="fr-ml-0 fr-mb-2w">{feedback.answer.themes.length > 0 ? feedback.answer.themes.join(", ") : "Aucun indiqué"}</dd>
            <dt className="fr-text--bold">Commentaire</dt>
            <dd className="fr-ml-0 fr-mb-2w" style={{ whiteSpace: "pre-line" }}>
              {feedback.answer.comment ?? "Aucun"}
            </dd>
          </dl>
        </>
      ) : (
        <>
          <p>
            Quelques semaines après sa livraison, dites-nous comment le kit sert. Votre retour, relu par l'équipe du programme, paraîtra sur{" "}
            <Link to={`/catalogue/${feedback.kitSlug}`}>la page du kit au catalogue</Link> et sera transmis à son concepteur, avec le type de votre
            structure et son département : jamais votre nom. Une seule réponse est possible.
          </p>
          <Form method="post" noValidate>
            <RequiredFieldsNote />
            <RadioGroup
              legend="Dans l'ensemble, quelle note donnez-vous au kit ?"
              name="rating"
              inline
              options={ratings.map((rating) => ({
                value: String(rating),
                label: (
                  <>
                    {rating}
                    <span className="fr-sr-only"> sur 5 — {ratingLabels[rating]}</span>
                  </>
                ),
              }))}
              hint="De 1 (pas du tout satisfaisant) à 5 (très satisfaisant)."
              checked={values.rating}
              error={errors.rating}
            />
            <Field
              label="Nombre de personnes accompagnées avec le kit"
              hint="Une estimation suffit ; 0 si le kit n'a pas encore servi."
              name="peopleReached"
              inputMode="numeric"
              maxLength={7}
              defaultValue={values.peopleReached}
              error={errors.peopleReached}
            />
            {feedback.kitThemes.length > 0 ? (
              <CheckboxGroup
                legend="Thèmes abordés avec le kit (facultatif)"
                name="themes"
                options={feedback.kitThemes}
                checked={answer?.lists.themes ?? []}
                error={errors.themes}
              />
            ) : null}
            <TextArea
              label="Commentaire (facultatif)"
              hint="Ce qui a bien marché, ce qui manque : il sera publié sans votre nom après relecture."
              name="comment"
              rows={5}
              maxLength={MAX_COMMENT}
              defaultValue={values.comment}
              error={errors.comment}
            />
            <SubmitButton>Envoyer mon retour</SubmitButton>
          </Form>
        </>
      )}
    </NarrowPage>
  );
}
