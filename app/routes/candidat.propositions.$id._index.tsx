import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestById } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase } from "~/contest/phase";
import { timeLeft } from "~/contest/time-left";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import {
  findProposalForOwner,
  listVersions,
  ProposalIncomplete,
  ProposalLocked,
  ProposalNotFound,
  saveAndSubmit,
  saveDraft,
  withdrawProposal,
} from "~/submissions/proposals.server";
import { draftToFormValues, formValuesFromSubmission, ProposalForm, proposalFieldLabels } from "~/submissions/proposal-form";
import { missingForSubmission, proposalDraftSchema, withdrawSchema } from "~/submissions/schemas";
import { statusLabels } from "~/submissions/statuses";
import { describePhoto, listFilesForOwner } from "~/media/files.server";
import { MediaFileNotFound, photoDescriptionSchema, photoField } from "~/media/media";
import { FilesSection } from "~/media/files-section";
import { publishedDecisionFor } from "~/jury/publication.server";
import { isUploadOutcome, isUploadSuccess, uploadOutcomes } from "~/media/upload-outcomes";
import { ErrorSummary, Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.proposal.title || "Ma proposition"} — Espace candidat — Kits d'inclusion numérique` },
];

async function load(request: Request, id: string | undefined) {
  const user = await requireUser(request, { role: "designer" });
  const proposalId = recordId.safeParse(id);
  if (!proposalId.success) notFound("Proposition introuvable");
  try {
    const proposal = await findProposalForOwner(proposalId.data, user.id);
    const contest = (await findContestById(proposal.contestId))!;
    return { user, proposal, contest };
  } catch (error) {
    if (error instanceof ProposalNotFound) notFound("Proposition introuvable");
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal, contest } = await load(request, params.id);
  const at = now();
  const phase = contestPhase(contest.calendar, at);
  const editable = phase === "submissions_open" && proposal.status !== "withdrawn";
  const versions = await listVersions(proposal.id);
  const files = await listFilesForOwner({ proposalId: proposal.id, ownerId: user.id });
  // Only ready photos are frozen by a submission; until a photo is ready the list says so.
  const readyPhotos = files.filter((f) => f.kind === "photo" && f.status === "ready").map((f) => ({ id: f.id, name: f.displayName, description: f.description }));
  const decision = await publishedDecisionFor(proposal.id);
  return {
    proposal: { id: proposal.id, title: proposal.title, status: proposal.status, ineligibilityReason: proposal.ineligibilityReason, currentVersion: proposal.currentVersion },
    contest: { title: contest.title, themes: contest.themes, audiences: contest.audiences, closesAt: contest.calendar.submissionsCloseAt, limits: contest.limits },
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      displayName: f.displayName,
      description: f.description,
      status: f.status,
      refusalReason: f.refusalReason,
      originalSize: f.originalSize,
      width: f.width,
      height: f.height,
      pages: f.pages,
    })),
    values: draftToFormValues(proposal.draft),
    missing: missingForSubmission(proposal.draft, readyPhotos),
    editable,
    left: editable ? timeLeft(at, contest.calendar.submissionsCloseAt) : null,
    versions,
    decision,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal, contest } = await load(request, params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  try {
    if (intent === "withdraw") {
      const form = parseForm(formData, withdrawSchema);
      if (!form.ok) return data({ errors: form.errors, values: null }, { status: 400 });
      await withdrawProposal({ proposalId: proposal.id, ownerId: user.id, now: now() });
      return redirect(`/candidat/propositions/${proposal.id}?retiree=1`);
    }
    if (intent === "describe-photo") {
      const form = parseForm(formData, photoDescriptionSchema);
      if (!form.ok) {
        if (form.errors.fileId) notFound("Photo introuvable");
        const field = photoField(Number(form.values.fileId));
        const errors: FieldErrors = { [field]: form.errors.description };
        const typed: Record<string, string> = { [field]: form.values.description ?? "" };
        return data({ errors, values: null, typed }, { status: 400 });
      }
      await describePhoto({ proposalId: proposal.id, ownerId: user.id, ...form.data, now: now() });
      return redirect(`/candidat/propositions/${proposal.id}?decrite=1#champ-${photoField(form.data.fileId)}`);
    }
    const form = parseForm(formData, proposalDraftSchema(contest));
    if (!form.ok) return data({ errors: form.errors, values: formValuesFromSubmission(form.values, form.lists) }, { status: 400 });
    if (intent === "submit") {
      const receipt = await saveAndSubmit({ proposalId: proposal.id, ownerId: user.id, draft: form.data, now: now() });
      return redirect(`/candidat/propositions/${proposal.id}/recepisse/${receipt.version}`);
    }
    await saveDraft({ proposalId: proposal.id, ownerId: user.id, draft: form.data, now: now() });
    return redirect(`/candidat/propositions/${proposal.id}?enregistre=1`);
  } catch (error) {
    const { values, lists } = submittedValues(formData);
    const kept = intent === "withdraw" || intent === "describe-photo" ? null : formValuesFromSubmission(values, lists);
    if (error instanceof ProposalIncomplete) {
      const errors: FieldErrors = Object.fromEntries(error.missing.map((m) => [m.field, m.message]));
      return data({ errors: { _form: "Le brouillon est enregistré, mais il manque des éléments pour le déposer.", ...errors }, values: kept }, { status: 400 });
    }
    if (error instanceof MediaFileNotFound) notFound("Photo introuvable");
    if (error instanceof ProposalLocked) {
      const errors: FieldErrors = { _form: error.message };
      return data({ errors, values: kept }, { status: 409 });
    }
    throw error;
  }
}

export default function EditProposal() {
  const { proposal, contest, values, missing, editable, left, versions, files, decision } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  // Inference folds the description answer into the wider draft answer, hence the `in` test and the cast.
  const typedDescriptions = result && "typed" in result ? (result.typed as Record<string, string>) : undefined;
  const labels = {
    ...proposalFieldLabels,
    ...Object.fromEntries(files.filter((f) => f.kind === "photo").map((f) => [photoField(f.id), `Description de la photo « ${f.displayName} »`])),
  };
  return (
    <div className="fr-container fr-my-6w">
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/candidat">
          Mes propositions
        </Link>
      </p>
      <h1>{proposal.title || "Nouvelle proposition"}</h1>
      <p>
        <span className="fr-badge fr-badge--no-icon">{statusLabels[proposal.status]}</span>
        {proposal.currentVersion ? ` Version déposée : ${proposal.currentVersion}.` : null} Concours : {contest.title}.
      </p>
      {search.get("enregistre") ? <Notice kind="success" title="Le brouillon est enregistré." /> : null}
      {search.get("decrite") ? <Notice kind="success" title="La description de la photo est enregistrée." /> : null}
      {search.get("retiree") ? <Notice kind="info" title="La proposition est retirée du concours." /> : null}
      <UploadOutcomeNotice code={search.get("fichiers")} />
      {decision ? (
        <Notice kind={decision.outcome === "laureate" ? "success" : "info"} title={decision.outcome === "laureate" ? "Votre kit est lauréat du concours" : "Votre kit n'a pas été retenu"}>
          <p>Motivation du jury : {decision.motivation}</p>
        </Notice>
      ) : null}
      {proposal.status === "ineligible" && proposal.ineligibilityReason ? (
        <Notice kind="warning" title="Votre proposition a été déclarée irrecevable">
          <p>{proposal.ineligibilityReason}</p>
        </Notice>
      ) : null}
      {editable ? (
        <p>
          Vous pouvez modifier et déposer votre proposition jusqu'au {formatParis(new Date(contest.closesAt))} (heure de Paris)
          {left ? `, soit encore ${left}` : ""}. Chaque dépôt crée une nouvelle version et un nouveau récépissé.
        </p>
      ) : (
        <Notice kind="info" title="Cette proposition ne peut plus être modifiée">
          <p>{proposal.status === "withdrawn" ? "Elle a été retirée." : `Les candidatures sont closes depuis le ${formatParis(new Date(contest.closesAt))} (heure de Paris).`}</p>
        </Notice>
      )}

      <ErrorSummary errors={result?.errors} labels={labels} />

      {editable && missing.length > 0 && !result ? (
        <div className="fr-callout fr-mb-4w">
          <h2 className="fr-callout__title">Avant de déposer</h2>
          <ul className="fr-callout__text">
            {missing.map((m) => (
              <li key={m.field}>{m.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <ProposalForm values={result?.values ?? values} errors={result?.errors} themes={contest.themes} audiences={contest.audiences} readOnly={!editable} />

      <FilesSection proposalId={proposal.id} files={files} limits={contest.limits} editable={editable} errors={result?.errors} typed={typedDescriptions} />

      {editable ? (
        <section className="fr-mt-6w" aria-labelledby="depot">
          <h2 id="depot">Déposer</h2>
          <p>Le dépôt enregistre d'abord ce que vous avez saisi ci-dessus, puis fige une version et vous remet un récépissé.</p>
          <button className="fr-btn" type="submit" form="formulaire-proposition" name="intent" value="submit">
            Déposer cette version
          </button>
        </section>
      ) : null}

      <section className="fr-mt-6w" aria-labelledby="versions">
        <h2 id="versions">Versions déposées</h2>
        {versions.length === 0 ? (
          <p>Aucune version déposée pour le moment.</p>
        ) : (
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`/candidat/propositions/${proposal.id}/recepisse/${v.version}`}>
                  Version {v.version} — récépissé {v.receiptNumber}
                </Link>{" "}
                — déposée le {formatParis(new Date(v.submittedAt))}
              </li>
            ))}
          </ul>
        )}
      </section>

      {editable ? (
        <section className="fr-mt-6w" aria-labelledby="retrait">
          <h2 id="retrait">Retirer la proposition</h2>
          <Form method="post">
            <div className="fr-checkbox-group fr-mb-2w">
              <input type="checkbox" id="champ-confirm" name="confirm" value="oui" />
              <label className="fr-label" htmlFor="champ-confirm">
                Je retire cette proposition du concours ; elle ne pourra plus être modifiée ni déposée.
              </label>
            </div>
            <button className="fr-btn fr-btn--tertiary" type="submit" name="intent" value="withdraw">
              Retirer la proposition
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function UploadOutcomeNotice({ code }: { code: string | null }) {
  if (!isUploadOutcome(code)) return null;
  return <Notice kind={isUploadSuccess(code) ? "success" : "error"} title={uploadOutcomes[code]} />;
}
