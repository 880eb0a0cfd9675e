import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { findContestBySlug } from "~/contest/contests.server";
import { formatParis } from "~/infra/paris-time";
import { contestPhase } from "~/contest/phase";
import { now } from "~/infra/clock.server";
import { parseForm, readFormData } from "~/infra/forms";
import { listProposalFiles } from "~/media/files.server";
import { statusLabels as fileStatusLabels } from "~/media/media";
import { findProposalForAdmin } from "~/submissions/administration.server";
import { ProposalLocked, ruleEligibility } from "~/submissions/proposals.server";
import { ProposalSummary } from "~/submissions/proposal-summary";
import { rulingSchema } from "~/submissions/schemas";
import { statusLabels } from "~/submissions/statuses";
import { ErrorSummary, Notice } from "~/ui/form";
import { TextArea } from "~/ui/fields";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.proposal.title || "Proposition"} — Administration — Kits d'inclusion numérique` },
];

async function load(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(params.slug!);
  const id = recordId.safeParse(params.id);
  if (!contest || !id.success) notFound("Proposition introuvable");
  const proposal = await findProposalForAdmin(id.data, contest.id);
  if (!proposal) notFound("Proposition introuvable");
  return { user, contest, proposal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contest, proposal } = await load(request, params);
  const phase = contestPhase(contest.calendar, now());
  const files = await listProposalFiles(proposal.id);
  return {
    contest: { slug: contest.slug, title: contest.title },
    proposal,
    files: files.map((f) => ({ id: f.id, kind: f.kind, displayName: f.displayName, description: f.description, status: f.status, refusalReason: f.refusalReason, pages: f.pages })),
    canRule: (phase === "submissions_closed" || phase === "review") && ["submitted", "eligible", "ineligible"].includes(proposal.status),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, contest, proposal } = await load(request, params);
  const form = parseForm(await readFormData(request), rulingSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    await ruleEligibility({
      proposalId: proposal.id,
      ruling: form.data.ruling,
      reason: form.data.ruling === "ineligible" ? form.data.reason : undefined,
      actorId: user.id,
      now: now(),
    });
  } catch (error) {
    if (error instanceof ProposalLocked) {
      const errors: FieldErrors = { _form: error.message };
      return data({ errors, values: form.data as Record<string, string> }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/admin/concours/${contest.slug}/propositions/${proposal.id}?statue=1`);
}

export default function AdminProposal() {
  const { contest, proposal, canRule, files } = useLoaderData<typeof loader>();
  const fileUrl = (id: number, variant: string) => `/admin/concours/${contest.slug}/propositions/${proposal.id}/fichiers/${id}/${variant}`;
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={`/admin/concours/${contest.slug}/propositions`}>
          Toutes les propositions
        </Link>
      </p>
      <h1>{proposal.title || "(sans titre)"}</h1>
      <p>
        Statut : <strong>{statusLabels[proposal.status]}</strong> — candidat : {proposal.ownerName} ({proposal.ownerEmail})
      </p>
      {search.get("statue") ? <Notice kind="success" title="La décision de recevabilité est enregistrée." /> : null}
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
                  <img src={fileUrl(file.id, "thumbnail")} alt={`${file.description ?? `Photo « ${file.displayName} », sans description`} (agrandir)`} width={160} height={120} style={{ objectFit: "cover" }} />
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
        <div className="fr-table">
          <table>
            <caption className="fr-sr-only">Versions déposées</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Récépissé</th>
                <th scope="col">Déposée le</th>
                <th scope="col">Empreinte SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {proposal.versions.map((v) => (
                <tr key={v.version}>
                  <td>{v.version}</td>
                  <td>{v.receiptNumber}</td>
                  <td>{formatParis(new Date(v.submittedAt))}</td>
                  <td>
                    <code style={{ wordBreak: "break-all" }}>{v.digest}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
