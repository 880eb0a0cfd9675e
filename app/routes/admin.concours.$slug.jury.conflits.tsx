import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { readQuery } from "~/http/query";
import { requireUser } from "~/accounts/permissions.server";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { conflictChangeSchema, conflictFieldLabels, conflictFilterSchema, conflictSourceLabels } from "~/jury/admin-schemas";
import { applyConflictChange, conflictsPage } from "~/jury/conflicts.server";
import { JuryRefusal } from "~/jury/jurors.server";
import { TextArea, Select } from "~/ui/fields";
import { formatDateTime } from "~/infra/paris-time";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import { Pagination } from "~/ui/pagination";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Conflits d'intérêts — ${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return conflictsPage({ slug: params.slug!, now: now(), filter: readQuery(request, conflictFilterSchema) });
}

type ActionData = { intent: string; pair: string | null; errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const pair = intent === "lift" ? `${formData.get("proposalId")}:${formData.get("userId")}` : null;
  const form = parseForm(formData, conflictChangeSchema);
  if (!form.ok) return data<ActionData>({ intent, pair, errors: form.errors, values: form.values }, { status: 400 });
  try {
    const result = await applyConflictChange({ slug: params.slug!, actorId: admin.id, change: form.data });
    const base = `/admin/concours/${params.slug}/jury/conflits`;
    if (result.done === "detected") {
      const o = result.outcome;
      return redirect(`${base}?fait=detected&trouves=${o.detected}&nouveaux=${o.added}&retires=${o.removed}&leves=${o.keptLifted}&liberes=${o.released}`);
    }
    if (result.done === "added") return redirect(`${base}?fait=added${result.released ? "&libere=1" : ""}`);
    return redirect(`${base}?fait=lifted&statut=leves`);
  } catch (error) {
    if (!(error instanceof JuryRefusal)) throw error;
    return data<ActionData>({ intent, pair, errors: { [error.field ?? "_form"]: error.message }, values: submittedValues(formData).values }, { status: 409 });
  }
}

function DoneNotice() {
  const [search] = useSearchParams();
  const n = (key: string) => Number(search.get(key) ?? 0);
  switch (search.get("fait")) {
    case "detected":
      return (
        <Notice kind="success" title="La détection est terminée">
          <ul>
            <li>Paires en conflit trouvées : {n("trouves")}, dont {n("nouveaux")} nouvelle(s).</li>
            <li>Conflits levés par un gestionnaire, qui restent levés : {n("leves")}.</li>
            <li>Conflits détectés auparavant et qui ne le sont plus (retirés) : {n("retires")}.</li>
            <li>Affectations en conflit qui ont pris fin : {n("liberes")}.</li>
          </ul>
        </Notice>
      );
    case "added":
      return (
        <Notice kind="success" title="Le conflit est enregistré">
          <p>
            {search.get("libere")
              ? "La proposition était affectée à ce membre du jury : l'affectation a pris fin. Relancez l'affectation automatique pour lui trouver un autre évaluateur."
              : "Cette proposition ne lui sera pas affectée."}{" "}
            La raison figure au journal d'audit.
          </p>
        </Notice>
      );
    case "lifted":
      return <Notice kind="success" title="Le conflit est levé : sa raison figure au journal d'audit." />;
    default:
      return null;
  }
}

export default function JuryConflicts() {
  const { contest, conflicts, jurors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const actionPath = `/admin/concours/${contest.slug}/jury/conflits${search.toString() ? `?${search.toString()}` : ""}`;
  const addResult = result?.intent === "add" ? result : undefined;
  const detectResult = result?.intent === "detect" ? result : undefined;
  const jurorOptions = jurors.map((juror) => ({ value: String(juror.userId), label: juror.name }));

  return (
    <>
      <h1>Conflits d'intérêts</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <DoneNotice />
      <p>
        {`${conflicts.active} conflit${conflicts.active > 1 ? "s actifs" : " actif"}, ${conflicts.lifted} levé${conflicts.lifted > 1 ? "s" : ""}.`} Les raisons ci-dessous nomment les candidats : elles ne sont visibles que des gestionnaires et ne sont
        jamais montrées aux membres du jury.
      </p>

      <section className="fr-mb-6w" aria-labelledby="detection">
        <h2 id="detection">Détecter les conflits</h2>
        <p>
          Compare les liens déclarés par chaque membre du jury (organisations et SIRET, domaines de courriel, personnes) et son propre nom à
          l'identité des candidats : SIRET et SIREN, domaine de courriel, noms sans tenir compte des accents, de la casse ni de l'ordre des
          mots. Les conflits levés restent levés ; une affectation en conflit prend fin.
        </p>
        <ErrorSummary errors={detectResult?.errors} labels={{}} />
        <Form method="post" action={actionPath}>
          <input type="hidden" name="intent" value="detect" />
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Lancer la détection
          </button>
        </Form>
      </section>

      <section className="fr-mb-6w" aria-labelledby="ajout">
        <h2 id="ajout">Ajouter un conflit</h2>
        <ErrorSummary errors={addResult?.errors} labels={conflictFieldLabels} />
        {jurors.length === 0 ? (
          <p>Invitez d'abord des membres du jury.</p>
        ) : (
          <Form method="post" action={actionPath} noValidate key={search.get("fait") === "added" ? "added" : "add"}>
            <input type="hidden" name="intent" value="add" />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <Select
                  label="Membre du jury"
                  name="userId"
                  options={jurorOptions}
                  placeholder="Choisir"
                  defaultValue={addResult?.values.userId ?? ""}
                  error={addResult?.errors.userId}
                />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <Field
                  label="Numéro de la proposition"
                  name="proposalId"
                  inputMode="numeric"
                  defaultValue={addResult?.values.proposalId ?? ""}
                  error={addResult?.errors.proposalId}
                />
              </div>
            </div>
            <TextArea
              label="Raison"
              hint="Enregistrée au journal d'audit ; jamais montrée au membre du jury."
              name="reason"
              rows={2}
              defaultValue={addResult?.values.reason ?? ""}
              error={addResult?.errors.reason}
            />
            <button className="fr-btn" type="submit" disabled={busy}>
              Ajouter le conflit
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="liste">
        <h2 id="liste">Conflits enregistrés</h2>
        <Form method="get" className="fr-mb-3w" aria-label="Filtrer les conflits">
          <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
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
              <Select label="Membre du jury" name="membre" id="filtre-membre" defaultValue={search.get("membre") ?? ""} placeholder="Tous" options={jurorOptions} />
            </div>
            <div className="fr-col-12 fr-col-md-4">
              <button className="fr-btn fr-btn--secondary" type="submit">
                Filtrer
              </button>
            </div>
          </div>
        </Form>
        {conflicts.items.length === 0 ? (
          <p>Aucun conflit ne correspond.</p>
        ) : (
          <div className="fr-table fr-table--multiline">
            <table>
              <caption>
                {`Conflits d'intérêts : ${conflicts.total} résultat${conflicts.total > 1 ? "s" : ""}, page ${conflicts.page} sur ${conflicts.pageCount}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Proposition</th>
                  <th scope="col">Membre du jury</th>
                  <th scope="col">Origine</th>
                  <th scope="col">Raisons (gestionnaires seulement)</th>
                  <th scope="col">État</th>
                </tr>
              </thead>
              <tbody>
                {conflicts.items.map((conflict) => {
                  const key = `${conflict.proposalId}:${conflict.userId}`;
                  const liftResult = result?.intent === "lift" && result.pair === key ? result : undefined;
                  return (
                    <tr key={key}>
                      <td>
                        <Link to={`/admin/concours/${contest.slug}/propositions/${conflict.proposalId}`}>
                          n° {conflict.proposalId} — {conflict.proposalTitle || "(sans titre)"}
                        </Link>
                        <br />
                        <span className="fr-text--sm">
                          {conflict.ownerName} ({conflict.ownerEmail})
                        </span>
                      </td>
                      <td>{conflict.jurorName}</td>
                      <td>
                        {conflictSourceLabels[conflict.source] ?? conflict.source}
                        <br />
                        <span className="fr-text--sm">
                          le {formatDateTime(conflict.createdAt)}
                          {conflict.createdByName ? ` par ${conflict.createdByName}` : ""}
                        </span>
                      </td>
                      <td>
                        {Array.isArray(conflict.reasons) && conflict.reasons.length > 0 ? (
                          <ul>
                            {conflict.reasons.map((reason, index) => (
                              <li key={index}>{reason.detail}</li>
                            ))}
                          </ul>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        {conflict.liftedAt ? (
                          <>
                            <span className="fr-badge fr-badge--sm">Levé</span>
                            <p className="fr-text--sm">
                              le {formatDateTime(conflict.liftedAt)}
                              {conflict.liftedByName ? ` par ${conflict.liftedByName}` : ""} : {conflict.liftReason}
                            </p>
                          </>
                        ) : (
                          <>
                            <span className="fr-badge fr-badge--warning fr-badge--sm">Actif</span>
                            <details open={liftResult !== undefined}>
                              <summary>
                                Lever<span className="fr-sr-only"> le conflit entre {conflict.jurorName} et la proposition n° {conflict.proposalId}</span>
                              </summary>
                              {liftResult?.errors._form || liftResult?.errors.proposalId || liftResult?.errors.userId ? (
                                <p className="fr-error-text">{liftResult.errors._form ?? liftResult.errors.proposalId ?? liftResult.errors.userId}</p>
                              ) : null}
                              <Form method="post" action={actionPath} noValidate>
                                <input type="hidden" name="intent" value="lift" />
                                <input type="hidden" name="proposalId" value={conflict.proposalId} />
                                <input type="hidden" name="userId" value={conflict.userId} />
                                <TextArea
                                  id={`levee-${conflict.proposalId}-${conflict.userId}`}
                                  label="Raison de la levée"
                                  name="liftReason"
                                  rows={2}
                                  defaultValue={liftResult?.values.liftReason ?? ""}
                                  error={liftResult?.errors.liftReason}
                                />
                                <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" disabled={busy}>
                                  Lever le conflit
                                </button>
                              </Form>
                            </details>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={conflicts.page} pageCount={conflicts.pageCount} label="Pages des conflits" />
      </section>
    </>
  );
}
