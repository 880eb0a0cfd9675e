import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { timeLeft } from "~/contest/time-left";
import { weightShares } from "~/contest/weights";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { conflictDeclarationSchema, reviewFormSchema, reviewStatusLabels } from "~/jury/review-schemas";
import { declareConflict, findEntryForJuror, saveReview } from "~/jury/reviews.server";
import { BackLink } from "~/ui/back-link";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { ConflictDeclaration } from "./conflict-declaration";
import { EntryContent } from "./entry-content";
import { ReviewGrid } from "./review-grid";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.entry.label ?? "Entrée", "Espace du jury") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "juror" });
  const at = now();
  const entry = await findEntryForJuror({ proposalId: requireRecordId(params.id, "Entrée introuvable."), jurorId: user.id, now: at });
  const shares = weightShares(entry.contest.criteria.map((c) => c.weight));
  return {
    entry: {
      id: entry.id,
      label: entry.label,
      fields: entry.fields,
      files: entry.files,
      editable: entry.editable,
      lockedReason: entry.lockedReason,
      conflictDeclarable: entry.conflictDeclarable,
      conflictRefusal: entry.conflictRefusal,
      review: entry.review,
    },
    contest: {
      title: entry.contest.title,
      reviewCloseAt: entry.contest.calendar.reviewCloseAt,
      criteria: entry.contest.criteria.map((c, i) => ({ id: c.id, label: c.label, description: c.description, share: shares[i] })),
    },
    left: entry.editable ? timeLeft(at, entry.contest.calendar.reviewCloseAt) : null,
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "juror" });
  // An entry the juror may not see is not found, whatever the form says.
  const entry = await findEntryForJuror({ proposalId: requireRecordId(params.id, "Entrée introuvable."), jurorId: user.id, now: now() });
  if ((await form.intent()) === "declare-conflict") {
    await form.parse(conflictDeclarationSchema);
    await declareConflict({ proposalId: entry.id, jurorId: user.id, now: now() });
    return redirectWithNotice("/jury", "conflit");
  }
  const review = await form.parse(reviewFormSchema(entry.contest.criteria));
  const saved = await saveReview({ proposalId: entry.id, jurorId: user.id, ...review, now: now() });
  return redirectWithNotice(`/jury/entrees/${entry.id}#evaluation`, saved.state === "submitted" ? "soumise" : "enregistree");
});

const notices = {
  enregistree: "Votre évaluation est enregistrée comme brouillon.",
  soumise: "Votre évaluation est soumise. Vous pouvez encore la modifier jusqu'à la fin de l'évaluation.",
};

export default function EntryReview() {
  const { entry, contest, left } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const conflictAnswer = answer?.values.intent === "declare-conflict" ? answer : undefined;
  const reviewAnswer = answer && !conflictAnswer ? answer : undefined;

  return (
    <div className="fr-container fr-my-6w">
      <BackLink to="/jury">Mes entrées</BackLink>
      <h1>{entry.label}</h1>
      <p className="fr-text--lead">{entry.fields.title || "(sans titre)"}</p>
      <p>
        Concours : {contest.title}. Votre évaluation : <span className="fr-badge fr-badge--no-icon">{reviewStatusLabels[entry.review.state]}</span>
        {entry.review.submittedAt ? ` (soumise le ${formatParis(new Date(entry.review.submittedAt))})` : null}
      </p>
      <SuccessNotice notices={notices} />
      <EntryContent entryId={entry.id} fields={entry.fields} files={entry.files} />
      <ReviewGrid entry={entry} criteria={contest.criteria} reviewCloseAt={contest.reviewCloseAt} left={left} answer={reviewAnswer} />
      <ConflictDeclaration
        entryId={entry.id}
        declarable={entry.conflictDeclarable}
        refusal={entry.conflictRefusal}
        confirming={search.get("conflit") === "1" || conflictAnswer !== undefined}
        answer={conflictAnswer}
      />
    </div>
  );
}
