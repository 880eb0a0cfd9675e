import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { formatDateTime } from "~/infra/paris-time";
import { questionsForMember, answerInformationRequest } from "~/structures/verification.server";
import { answerLabels, answerSchema } from "~/structures/verification-schemas";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Notice, SubmitButton } from "~/ui/form";
import { NarrowPage } from "~/ui/layout";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";

export const meta: MetaFunction = () => [{ title: pageTitle("Répondre à une question", "Espace structure") }];

// The structure's page links here with `?structure=<id>`: that structure's question comes first.
const wantedSchema = z.object({ structure: z.coerce.number().int().positive().optional().catch(undefined) });

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  const { structure } = readQuery(request, wantedSchema);
  const questions = await questionsForMember(user.id);
  return { questions: [...questions.filter((q) => q.structureId === structure), ...questions.filter((q) => q.structureId !== structure)] };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "structure" });
  const input = await form.parse(answerSchema);
  const answered = await answerInformationRequest({ structureId: input.structureId, memberId: user.id, answer: input.answer, now: now() });
  return redirectWithNotice("/structure/reponse", "envoyee", { structure: answered.legalName });
});

export default function AnswerQuestion() {
  const { questions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.errors;
  // One question at a time, the oldest first; the next shows once this one is answered.
  const [question, ...others] = questions;
  return (
    <NarrowPage title="Répondre à une question">
      <SuccessNotice
        notices={{
          envoyee: (figures) => `Votre réponse pour « ${figures.get("structure")} » est transmise : la vérification de votre structure reprend.`,
        }}
      />
      {question ? (
        <>
          <p>
            Pour vérifier votre structure <strong>« {question.legalName} »</strong>, l'équipe du programme vous a posé cette question le{" "}
            {formatDateTime(question.askedAt)} :
          </p>
          <blockquote className="fr-mb-4w">{question.question}</blockquote>
          <ErrorSummary errors={errors} labels={answerLabels} />
          <Form method="post" noValidate>
            <p className="fr-hint-text">Tous les champs sont obligatoires.</p>
            <input type="hidden" name="structureId" value={question.structureId} />
            <TextArea
              label={answerLabels.answer}
              name="answer"
              rows={6}
              maxLength={4000}
              required
              hint="Elle est transmise à l'équipe qui vérifie votre structure et à ses autres membres."
              defaultValue={answer?.values.answer}
              error={errors?.answer}
            />
            <SubmitButton>Envoyer la réponse</SubmitButton>
          </Form>
          {others.length > 0 ? (
            <p className="fr-mt-3w">{plural(others.length, "autre question attend", "autres questions attendent")} ensuite.</p>
          ) : null}
        </>
      ) : (
        <Notice kind="info" title="Aucune question en attente">
          <p>
            Aucune question n'attend votre réponse. <Link to="/structure">Retour à l'espace structure</Link>
          </p>
        </Notice>
      )}
    </NarrowPage>
  );
}
