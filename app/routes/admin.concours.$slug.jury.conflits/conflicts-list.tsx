import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import type { Paged } from "~/infra/paging";
import { formatDateTime } from "~/infra/paris-time";
import { conflictSourceLabels } from "~/jury/admin-schemas";
import type { ConflictRow } from "~/jury/conflicts.server";
import { DataTable } from "~/ui/data-table";
import { Select, TextArea } from "~/ui/fields";
import { FilterForm } from "~/ui/filter-form";
import { Pagination } from "~/ui/pagination";
import { plural } from "~/ui/plural";

/** The recorded conflicts, filtered by state and juror, with their reasons (admins only) and a way to lift each active one. */
export function ConflictsList({
  actionPath,
  contestSlug,
  conflicts,
  jurors,
  liftAnswer,
}: {
  actionPath: string;
  contestSlug: string;
  conflicts: Paged<ConflictRow>;
  jurors: { userId: number; name: string }[];
  liftAnswer: FormAnswer | undefined;
}) {
  const [search] = useSearchParams();
  return (
    <section aria-labelledby="liste">
      <h2 id="liste">Conflits enregistrés</h2>
      <FilterForm label="Filtrer les conflits" className="fr-mb-3w" buttonColumn="fr-col-12 fr-col-md-4">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="État"
            name="statut"
            id="filtre-statut"
            defaultValue={search.get("statut") ?? "actifs"}
            options={[
              { value: "actifs", label: "Actifs" },
              { value: "leves", label: "Levés" },
              { value: "tous", label: "Tous" },
            ]}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Membre du jury"
            name="membre"
            id="filtre-membre"
            defaultValue={search.get("membre") ?? ""}
            placeholder="Tous"
            options={jurors.map((juror) => ({ value: String(juror.userId), label: juror.name }))}
          />
        </div>
      </FilterForm>
      {conflicts.items.length === 0 ? (
        <p>Aucun conflit ne correspond.</p>
      ) : (
        <DataTable
          caption={`Conflits d'intérêts : ${plural(conflicts.total, "résultat")}, page ${conflicts.page} sur ${conflicts.pageCount}`}
          headers={["Proposition", "Membre du jury", "Origine", "Raisons (gestionnaires seulement)", "État"]}
          rows={conflicts.items.map((conflict) => {
            const liftedPair = liftAnswer?.values.proposalId === String(conflict.proposalId) && liftAnswer.values.userId === String(conflict.userId);
            return {
              key: `${conflict.proposalId}:${conflict.userId}`,
              cells: [
                <>
                  <Link to={`/admin/concours/${contestSlug}/propositions/${conflict.proposalId}`}>
                    n° {conflict.proposalId} — {conflict.proposalTitle || "(sans titre)"}
                  </Link>
                  <br />
                  <span className="fr-text--sm">
                    {conflict.ownerName} ({conflict.ownerEmail})
                  </span>
                </>,
                conflict.jurorName,
                <>
                  {conflictSourceLabels[conflict.source] ?? conflict.source}
                  <br />
                  <span className="fr-text--sm">
                    le {formatDateTime(conflict.createdAt)}
                    {conflict.createdByName ? ` par ${conflict.createdByName}` : ""}
                  </span>
                </>,
                Array.isArray(conflict.reasons) && conflict.reasons.length > 0 ? (
                  <ul>
                    {conflict.reasons.map((reason, index) => (
                      <li key={index}>{reason.detail}</li>
                    ))}
                  </ul>
                ) : (
                  "—"
                ),
                <ConflictState key="state" actionPath={actionPath} conflict={conflict} answer={liftedPair ? liftAnswer : undefined} />,
              ],
            };
          })}
        />
      )}
      <Pagination page={conflicts.page} pageCount={conflicts.pageCount} label="Pages des conflits" />
    </section>
  );
}

/** Lifted (by whom, when, why), or active with the form that lifts it. */
function ConflictState({ actionPath, conflict, answer }: { actionPath: string; conflict: ConflictRow; answer: FormAnswer | undefined }) {
  const busy = useNavigation().state === "submitting";
  if (conflict.liftedAt) {
    return (
      <>
        <span className="fr-badge fr-badge--sm">Levé</span>
        <p className="fr-text--sm">
          le {formatDateTime(conflict.liftedAt)}
          {conflict.liftedByName ? ` par ${conflict.liftedByName}` : ""} : {conflict.liftReason}
        </p>
      </>
    );
  }
  const refusal = answer?.errors._form ?? answer?.errors.proposalId ?? answer?.errors.userId;
  return (
    <>
      <span className="fr-badge fr-badge--warning fr-badge--sm">Actif</span>
      <details open={answer !== undefined}>
        <summary>
          Lever
          <span className="fr-sr-only">
            {" "}
            le conflit entre {conflict.jurorName} et la proposition n° {conflict.proposalId}
          </span>
        </summary>
        {refusal ? <p className="fr-error-text">{refusal}</p> : null}
        <Form method="post" action={actionPath} noValidate>
          <input type="hidden" name="intent" value="lift" />
          <input type="hidden" name="proposalId" value={conflict.proposalId} />
          <input type="hidden" name="userId" value={conflict.userId} />
          <TextArea
            id={`levee-${conflict.proposalId}-${conflict.userId}`}
            label="Raison de la levée"
            name="liftReason"
            rows={2}
            defaultValue={answer?.values.liftReason ?? ""}
            error={answer?.errors.liftReason}
          />
          <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" disabled={busy}>
            Lever le conflit
          </button>
        </Form>
      </details>
    </>
  );
}
