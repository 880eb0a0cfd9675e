import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { contestPhase } from "~/contest/phase";
import { timeLeft } from "~/contest/time-left";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { publishedDecisionFor } from "~/results/publication.server";
import { FilesSection } from "~/media/files-section";
import { fileForScreen } from "~/media/files.server";
import { photoDescriptionSchema } from "~/media/media";
import { uploadNotices } from "~/media/upload-outcomes";
import { describePhoto, listFilesForOwner } from "~/submissions/proposal-files.server";
import { draftToFormValues, formValuesFromSubmission, ProposalForm } from "~/submissions/proposal-form";
import { findProposalWithContest, listVersions, saveAndSubmit, saveDraft, withdrawProposal } from "~/submissions/proposals.server";
import { missingForSubmission, proposalDraftSchema, withdrawSchema } from "~/submissions/schemas";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { descriptionAnswer, fieldLabels } from "./photo-descriptions";
import { MissingCallout, ProposalHeading, ProposalState, SubmitSection, UploadFailureNotice, VersionsSection, WithdrawSection } from "./sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.proposal.title || "Ma proposition", "Espace candidat") }];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  const { proposal, contest } = await findProposalWithContest(requireRecordId(params.id, "Proposition introuvable."), user.id);
  const at = now();
  const editable = contestPhase(contest.calendar, at) === "submissions_open" && proposal.status !== "withdrawn";
  const files = await listFilesForOwner({ proposalId: proposal.id, ownerId: user.id });
  // Only ready photos are frozen by a submission; until a photo is ready the list says so.
  const readyPhotos = files
    .filter((f) => f.kind === "photo" && f.status === "ready")
    .map((f) => ({ id: f.id, name: f.displayName, description: f.description }));
  return {
    proposal: {
      id: proposal.id,
      title: proposal.title,
      status: proposal.status,
      ineligibilityReason: proposal.ineligibilityReason,
      currentVersion: proposal.currentVersion,
    },
    contest: {
      title: contest.title,
      themes: contest.themes,
      audiences: contest.audiences,
      closesAt: contest.calendar.submissionsCloseAt,
      limits: contest.limits,
    },
    files: files.map((f) => ({ ...fileForScreen(f), originalSize: f.originalSize, width: f.width, height: f.height })),
    values: draftToFormValues(proposal.draft),
    missing: missingForSubmission(proposal.draft, readyPhotos),
    editable,
    left: editable ? timeLeft(at, contest.calendar.submissionsCloseAt) : null,
    versions: await listVersions(proposal.id),
    decision: await publishedDecisionFor(proposal.id),
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "designer" });
  const proposalId = requireRecordId(params.id, "Proposition introuvable.");
  const page = `/candidat/propositions/${proposalId}`;
  const owned = { proposalId, ownerId: user.id, now: now() };
  const intent = await form.intent();
  if (intent === "withdraw") {
    await form.parse(withdrawSchema);
    await withdrawProposal(owned);
    return redirectWithNotice(page, "retiree");
  }
  if (intent === "describe-photo") {
    // Another proposal's photo, or no photo at all: not found, as for a stranger's proposal.
    requireRecordId(String((await form.formData()).get("fileId") ?? ""), "Photo introuvable.");
    const description = await form.parse(photoDescriptionSchema);
    await describePhoto({ ...owned, ...description });
    return redirectWithNotice(`${page}#champ-photo-${description.fileId}`, "decrite");
  }
  const { contest } = await findProposalWithContest(proposalId, user.id);
  const draft = await form.parse(proposalDraftSchema(contest));
  if (intent === "submit") {
    const receipt = await saveAndSubmit({ ...owned, draft });
    return redirect(`${page}/recepisse/${receipt.version}`);
  }
  await saveDraft({ ...owned, draft });
  return redirectWithNotice(page, "enregistre");
});

const notices = {
  enregistre: "Le brouillon est enregistré.",
  decrite: "La description de la photo est enregistrée.",
  retiree: "La proposition est retirée du concours.",
  ...uploadNotices,
};

export default function EditProposal() {
  const { proposal, contest, values, missing, editable, left, versions, files, decision } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const intent = answer?.values.intent;
  const described = answer && intent === "describe-photo" ? descriptionAnswer(answer) : null;
  const errors = described?.errors ?? answer?.errors;
  // The draft's fields come back as typed after a refused save or submission, not after the other forms.
  const typedDraft = answer && intent !== "withdraw" && intent !== "describe-photo" ? formValuesFromSubmission(answer.values, answer.lists) : null;
  return (
    <div className="fr-container fr-my-6w">
      <ProposalHeading proposal={proposal} contestTitle={contest.title} />
      <SuccessNotice notices={notices} />
      <UploadFailureNotice />
      <ProposalState proposal={proposal} closesAt={contest.closesAt} decision={decision} editable={editable} left={left} />
      <ErrorSummary errors={errors} labels={fieldLabels(files)} />
      {editable && missing.length > 0 && !answer ? <MissingCallout missing={missing} /> : null}
      <ProposalForm values={typedDraft ?? values} errors={errors} themes={contest.themes} audiences={contest.audiences} readOnly={!editable} />
      <FilesSection proposalId={proposal.id} files={files} limits={contest.limits} editable={editable} errors={errors} typed={described?.typed} />
      {editable ? <SubmitSection /> : null}
      <VersionsSection proposalId={proposal.id} versions={versions} />
      {editable ? <WithdrawSection /> : null}
    </div>
  );
}
