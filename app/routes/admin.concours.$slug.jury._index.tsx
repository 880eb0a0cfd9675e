import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { jurorChangeSchema, jurorFieldLabels } from "~/jury/admin-schemas";
import { applyJurorChange, JuryRefusal, jurorsPage } from "~/jury/jurors.server";
import { formatDate } from "~/infra/paris-time";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Membres du jury — ${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return jurorsPage({ slug: params.slug!, now: now() });
}

type ActionData = { intent: string; userId: string | null; errors: FieldErrors; values: Record<string, string>; lists: Record<string, string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "admin" });
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const userId = typeof formData.get("userId") === "string" ? String(formData.get("userId")) : null;
  const form = parseForm(formData, jurorChangeSchema);
  if (!form.ok) return data<ActionData>({ intent, userId, errors: form.errors, values: form.values, lists: form.lists }, { status: 400 });
  try {
    const result = await applyJurorChange({ slug: params.slug!, actorId: admin.id, change: form.data });
    const query = result.done === "invited" ? `fait=invited${result.accountCreated ? "&compte=nouveau" : ""}` : `fait=${result.done}`;
    return redirect(`/admin/concours/${params.slug}/jury?${query}`);
  } catch (error) {
    if (!(error instanceof JuryRefusal)) throw error;
    const { values, lists } = submittedValues(formData);
    return data<ActionData>({ intent, userId, errors: { [error.field ?? "_form"]: error.message }, values, lists }, { status: 409 });
  }
}

const doneMessages: Record<string, string> = {
  invited: "L'invitation est envoyée : la personne est membre du jury de ce concours.",
  updated: "Les préférences du membre du jury sont enregistrées.",
  removed: "Le membre du jury est retiré : ses affectations et ses liens déclarés sont supprimés.",
};

export default function JuryMembers() {
  const { contest, jurors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = search.get("fait");
  const inviteResult = result?.intent === "invite" ? result : undefined;
  const rowResult = result && result.intent !== "invite" ? result : undefined;
  // This page is the index of the jury frame: its forms post to ?index (the frame has no action).
  const actionPath = `/admin/concours/${contest.slug}/jury?index`;

  return (
    <>
      <h1>Membres du jury</h1>
      <p className="fr-text--lead">{contest.title}</p>
      {done && doneMessages[done] ? (
        <Notice kind="success" title="C'est fait">
          <p>
            {doneMessages[done]}
            {done === "invited" && search.get("compte") === "nouveau"
              ? " Son compte a été créé ; le courriel d'invitation contient un lien pour choisir son mot de passe."
              : null}
          </p>
        </Notice>
      ) : null}
      {rowResult ? (
        <ErrorSummary errors={rowResult.errors} labels={{}} />
      ) : null}

      <section className="fr-mb-6w" aria-labelledby="inviter">
        <h2 id="inviter">Inviter un membre du jury</h2>
        <p>
          La personne reçoit un courriel d'invitation. Si elle n'a pas encore de compte, il est créé et le courriel contient un lien pour
          choisir son mot de passe. Une personne qui a une proposition à ce concours ne peut pas en être membre du jury.
        </p>
        <ErrorSummary errors={inviteResult?.errors} labels={jurorFieldLabels} />
        <Form method="post" action={actionPath} noValidate key={done === "invited" ? `invite-${jurors.length}` : "invite"}>
          <input type="hidden" name="intent" value="invite" />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Field
                label="Adresse électronique"
                name="email"
                type="email"
                autoComplete="off"
                defaultValue={inviteResult?.values.email ?? ""}
                error={inviteResult?.errors.email}
              />
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <Field
                label="Prénom et nom"
                hint="Utilisé seulement si la personne n'a pas encore de compte."
                name="name"
                autoComplete="off"
                defaultValue={inviteResult?.values.name ?? ""}
                error={inviteResult?.errors.name}
              />
            </div>
          </div>
          <button className="fr-btn" type="submit" disabled={busy}>
            Inviter
          </button>
        </Form>
      </section>

      <section aria-labelledby="membres">
        <h2 id="membres">Le jury</h2>
        {jurors.length === 0 ? (
          <p>Personne n'a encore été invité au jury de ce concours.</p>
        ) : (
          <div className="fr-table fr-table--multiline">
            <table>
              <caption>
                {`${jurors.length} membre${jurors.length > 1 ? "s" : ""} du jury`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Compte</th>
                  <th scope="col">Thèmes préférés</th>
                  <th scope="col">Plafond</th>
                  <th scope="col">Évaluations</th>
                  <th scope="col">Liens déclarés</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {jurors.map((juror) => {
                  const own = rowResult && rowResult.userId === String(juror.userId) ? rowResult : undefined;
                  const themes = own?.intent === "settings" ? own.lists.themes ?? [] : juror.themes;
                  const maxLoad = own?.intent === "settings" ? own.values.maxLoad ?? "" : juror.maxLoad === null ? "" : String(juror.maxLoad);
                  const prefix = `membre-${juror.userId}`;
                  return (
                    <tr key={juror.userId}>
                      <th scope="row">
                        {juror.name}
                        <br />
                        <span className="fr-text--sm">{juror.email}</span>
                      </th>
                      <td>
                        {juror.disabled ? (
                          <span className="fr-badge fr-badge--error fr-badge--sm">Désactivé</span>
                        ) : juror.emailConfirmed ? (
                          <span className="fr-badge fr-badge--success fr-badge--sm">Activé</span>
                        ) : (
                          <span className="fr-badge fr-badge--info fr-badge--sm">Invitation envoyée</span>
                        )}
                        <br />
                        <span className="fr-text--sm">
                          Invité le {formatDate(juror.invitedAt)} ; double authentification {juror.totpEnabled ? "activée" : "non activée"}
                        </span>
                      </td>
                      <td>{juror.themes.length ? juror.themes.join(", ") : "Aucun"}</td>
                      <td>{juror.maxLoad ?? "Aucun"}</td>
                      <td>
                        {`${juror.assigned} affectée${juror.assigned > 1 ? "s" : ""}, ${juror.submitted} soumise${juror.submitted > 1 ? "s" : ""}`}
                      </td>
                      <td>{juror.tiesDeclaredAt ? `Déclarés le ${formatDate(juror.tiesDeclaredAt)}` : "Pas encore"}</td>
                      <td>
                        <details open={own !== undefined}>
                          <summary>
                            Modifier<span className="fr-sr-only"> les préférences de {juror.name}</span>
                          </summary>
                          <Form method="post" action={actionPath} noValidate>
                            <input type="hidden" name="intent" value="settings" />
                            <input type="hidden" name="userId" value={juror.userId} />
                            <fieldset className={`fr-fieldset${own?.errors.themes ? " fr-fieldset--error" : ""}`} aria-labelledby={`${prefix}-themes-legende`}>
                              <legend className="fr-fieldset__legend fr-text--regular" id={`${prefix}-themes-legende`}>
                                Thèmes préférés de {juror.name}
                                <span className="fr-hint-text">Les propositions de ces thèmes lui sont confiées de préférence.</span>
                              </legend>
                              {contest.themes.map((theme, index) => (
                                <div className="fr-fieldset__element" key={theme}>
                                  <div className="fr-checkbox-group fr-checkbox-group--sm">
                                    <input type="checkbox" id={`${prefix}-theme-${index}`} name="themes" value={theme} defaultChecked={themes.includes(theme)} />
                                    <label className="fr-label" htmlFor={`${prefix}-theme-${index}`}>
                                      {theme}
                                    </label>
                                  </div>
                                </div>
                              ))}
                              {own?.errors.themes ? <p className="fr-message fr-message--error">{own.errors.themes}</p> : null}
                            </fieldset>
                            <Field
                              id={`${prefix}-plafond`}
                              label="Plafond d'évaluations"
                              hint="Vide : aucun plafond, la charge est équilibrée avec les autres membres."
                              name="maxLoad"
                              inputMode="numeric"
                              defaultValue={maxLoad}
                              error={own?.errors.maxLoad}
                            />
                            <button className="fr-btn fr-btn--sm" type="submit" disabled={busy}>
                              Enregistrer<span className="fr-sr-only"> les préférences de {juror.name}</span>
                            </button>
                          </Form>
                        </details>
                        {juror.submitted === 0 ? (
                          <Form method="post" action={actionPath} className="fr-mt-2w">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={juror.userId} />
                            <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" disabled={busy}>
                              Retirer du jury<span className="fr-sr-only"> : {juror.name}</span>
                            </button>
                          </Form>
                        ) : (
                          <p className="fr-text--sm fr-mt-2w">A commencé à évaluer : ne peut plus être retiré.</p>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
