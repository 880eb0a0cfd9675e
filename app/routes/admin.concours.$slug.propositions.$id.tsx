import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { contestPhase } from "~/contest/phase";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { statusLabels as fileStatusLabels } from "~/media/media";
import { findContestProposal } from "~/submissions/administration.server";
import { fileForScreen } from "~/media/files.server";
import { listProposalFiles } from "~/submissions/proposal-files.server";
import { ProposalSummary } from "~/submissions/proposal-summary";
import { ruleEligibility } from "~/submissions/proposals.server";
import { rulingSchema } from "~/submissions/schemas";
import { statusLabels } from "~/submissions/statuses";
import { BackLink } from "~/ui/back-link";
import { DataTable } from "~/ui/data-table";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Notice } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.proposal.title || "Proposition", "Administration") }];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { contest, proposal } = await findContestProposal(params.slug, requireRecordId(params.id, "Proposition introuvable."));
  const phase = contestPhase(contest.calendar, now());
  const files = await listProposalFiles(proposal.id);
  return {
    contest: { slug: contest.slug, title: contest.title },
    proposal,
    files: files.map(fileForScreen),
    canRule: (phase === "submissions_closed" || phase === "review") && ["submitted", "eligible", "ineligible"].includes(proposal.status),
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const { contest, proposal } = await findContestProposal(params.slug, requireRecordId(params.id, "Proposition introuvable."));
  const ruling = await form.parse(rulingSchema);
  await ruleEligibility({
    proposalId: proposal.id,
    ruling: ruling.ruling,
    reason: ruling.ruling === "ineligible" ? ruling.reason : undefined,
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice(`/admin/concours/${contest.slug}/propositions/${proposal.id}`, "statue");
});

export default function AdminProposal() {
  const { contest, proposal, canRule, files } = useLoaderData<typeof loader>();
  const fileUrl = (id: number, variant: string) => `/admin/concours/${contest.slug}/propositions/${proposal.id}/fichiers/${id}/${variant}`;
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink to={`/admin/concours/${contest.slug}/propositions`}>Toutes les propositions</BackLink>
      <h1>{proposal.title || "(sans titre)"}</h1>
      <p>
        Statut : <strong>{statusLabels[proposal.status]}</strong> — candidat : {proposal.ownerName} ({proposal.ownerEmail})
      </p>
      <SuccessNotice notices={{ statue: "La décision de recevabilité est enregistrée." }} />
      {proposal.ineligibilityReason ? (
        <Notice kind="warning" title="Motif d'irrecevabilité communiqué au candidat">
          <p>{proposal.ineligibilityReason}</p>
        </Notice>
      ) : null}

      {canRule ? (
        <section className="fr-mb-6w" aria-labelledby="recevabilite">
          <h2 id="recevabilite">Recevabilité</h2>
          <ErrorSummary errors={result?.errors} labels={{ ruling: "Décision", reason: "Motif" }} />
          <Form method="post" noValidate>
            <fieldset className="fr-fieldset" id="champ-ruling">
              <legend className="fr-fieldset__legend">Décision</legend>
              <div className="fr-fieldset__element">
                <div className="fr-radio-group">
                  <input type="radio" id="ruling-eligible" name="ruling" value="eligible" defaultChecked={proposal.status !== "ineligible"} />
                  <label className="fr-label" htmlFor="ruling-eligible">
                    Recevable
                  </label>
                </div>
              </div>
              <div className="fr-fieldset__element">
                <div className="fr-radio-group">
                  <input type="radio" id="ruling-ineligible" name="ruling" value="ineligible" defaultChecked={proposal.status === "ineligible"} />
                  <label className="fr-label" htmlFor="ruling-ineligible">
                    Irrecevable
                  </label>
                </div>
              </div>
            </fieldset>
            <TextArea
              label="Motif d'irrecevabilité"
              hint="Le candidat lira ce motif. Obligatoire si la proposition est irrecevable."
              name="reason"
              rows={3}
              defaultValue={result?.values?.reason ?? proposal.ineligibilityReason ?? ""}
              error={result?.errors.reason}
            />
            <button className="fr-btn" type="submit">
              Enregistrer la décision
            </button>
          </Form>
        </section>
      ) : null}

      <h2>{proposal.submitted ? `Contenu de la version ${proposal.currentVersion}` : "Brouillon (jamais déposé)"}</h2>
      <ProposalSummary draft={proposal.submitted ?? proposal.draft} showIdentity />

      <h2>Photos et documents du brouillon actuel</h2>
      {files.length === 0 ? (
        <p>Aucun fichier.</p>
      ) : (
        <ul className="fr-raw-list">
          {files.map((file) => (
            <li key={file.id} className="fr-mb-2w">
              {file.kind === "photo" && file.status === "ready" ? (
                <a href={fileUrl(file.id, "large")}>
                  <img
                    src={fileUrl(file.id, "thumbnail")}
                    alt={`${file.description ?? `Photo « ${file.displayName} », sans description`} (agrandir)`}
                    width={160}
                    height={120}
                    style={{ objectFit: "cover" }}
                  />
                </a>
              ) : file.kind === "document" && file.status === "ready" ? (
                <a href={fileUrl(file.id, "clean")} download>
                  {file.displayName} (PDF, {file.pages} page{(file.pages ?? 0) > 1 ? "s" : ""})
                </a>
              ) : (
                <span>
                  {file.displayName} — {fileStatusLabels[file.status]}
                  {file.refusalReason ? ` : ${file.refusalReason}` : ""}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>Versions déposées</h2>
      {proposal.versions.length === 0 ? (
        <p>Aucune version déposée.</p>
      ) : (
        <DataTable
          caption="Versions déposées"
          hideCaption
          headers={["Version", "Récépissé", "Déposée le", "Empreinte SHA-256"]}
          rows={proposal.versions.map((v) => ({
            key: v.version,
            cells: [
              v.version,
              v.receiptNumber,
              formatParis(new Date(v.submittedAt)),
              <code key="digest" style={{ wordBreak: "break-all" }}>
                {v.digest}
              </code>,
            ],
          }))}
        />
      )}
    </>
  );
}
