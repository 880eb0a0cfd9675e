import { Form, Link, useNavigation } from "@remix-run/react";
import type { IncompleteEntry, JurorAssignment } from "~/jury/assignments.server";
import type { JurorRow } from "~/jury/jurors.server";
import { DataTable } from "~/ui/data-table";
import { plural } from "~/ui/plural";

const reviewStatusLabels = { in_progress: "En cours", submitted: "Soumise" } as const;

function ProposalLink({ contestSlug, id, title }: { contestSlug: string; id: number; title: string }) {
  return (
    <Link to={`/admin/concours/${contestSlug}/propositions/${id}`}>
      n° {id} — {title || "(sans titre)"}
    </Link>
  );
}

/** Eligible proposals that still lack reviewers (the first 50). */
export function IncompleteProposals({
  contestSlug,
  incomplete,
  more,
  reviewsPerProposal,
}: {
  contestSlug: string;
  incomplete: IncompleteEntry[];
  more: boolean;
  reviewsPerProposal: number;
}) {
  return (
    <section className="fr-mb-6w" aria-labelledby="incompletes">
      <h2 id="incompletes">Propositions à compléter</h2>
      {incomplete.length === 0 ? (
        <p>
          {reviewsPerProposal > 1
            ? `Chaque proposition recevable a ses ${reviewsPerProposal} évaluateurs.`
            : "Chaque proposition recevable a son évaluateur."}
        </p>
      ) : (
        <DataTable
          multiline={false}
          caption={`Propositions recevables avec moins de ${plural(reviewsPerProposal, "évaluateur")}${more ? " (les 50 premières)" : ""}`}
          headers={["Proposition", "Évaluateurs"]}
          rows={incomplete.map((entry) => ({
            key: entry.id,
            cells: [
              <ProposalLink key="proposal" contestSlug={contestSlug} id={entry.id} title={entry.title} />,
              `${entry.assigned} sur ${reviewsPerProposal}`,
            ],
          }))}
        />
      )}
    </section>
  );
}

/** The proposals entrusted to the juror chosen in the table above, each removable until reviewed or sealed. */
export function JurorAssignments({
  actionPath,
  contestSlug,
  juror,
  assignments,
  sealed,
}: {
  actionPath: string;
  contestSlug: string;
  juror: Pick<JurorRow, "userId" | "name">;
  assignments: JurorAssignment[];
  sealed: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="affectations-membre">
      <h2 id="affectations-membre">Propositions confiées à {juror.name}</h2>
      {assignments.length === 0 ? (
        <p>Aucune proposition ne lui est affectée.</p>
      ) : (
        <DataTable
          multiline={false}
          caption={`${plural(assignments.length, "proposition confiée", "propositions confiées")} à ${juror.name}`}
          headers={["Proposition", "Origine", "Évaluation", "Action"]}
          rows={assignments.map((assignment) => ({
            key: assignment.proposalId,
            cells: [
              <ProposalLink key="proposal" contestSlug={contestSlug} id={assignment.proposalId} title={assignment.title} />,
              assignment.runId ? `Automatique (n° ${assignment.runId})` : "À la main",
              assignment.reviewStatus ? reviewStatusLabels[assignment.reviewStatus] : "Pas commencée",
              assignment.reviewStatus === "submitted" || sealed ? (
                "—"
              ) : (
                <Form key="remove" method="post" action={actionPath}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="userId" value={juror.userId} />
                  <input type="hidden" name="proposalId" value={assignment.proposalId} />
                  <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled={busy}>
                    Retirer<span className="fr-sr-only"> la proposition n° {assignment.proposalId}</span>
                  </button>
                </Form>
              ),
            ],
          }))}
        />
      )}
    </section>
  );
}
