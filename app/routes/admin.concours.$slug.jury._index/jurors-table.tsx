import { Form, useNavigation } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatDate } from "~/infra/paris-time";
import type { ReactNode } from "react";
import type { Paged } from "~/infra/paging";
import type { JurorRow } from "~/jury/jurors.server";
import { DataTable } from "~/ui/data-table";
import { Field } from "~/ui/form";
import { pagedSummary } from "~/ui/pagination";
import { plural } from "~/ui/plural";

/** The jury, one row per juror of the page: account, preferences (editable in place), progress, removal; `children`: its search. */
export function JurorsTable({
  actionPath,
  contestThemes,
  jurors,
  searched,
  answer,
  children,
}: {
  actionPath: string;
  contestThemes: string[];
  jurors: Paged<JurorRow>;
  searched: string | null;
  answer: FormAnswer | undefined;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="membres">
      <h2 id="membres">Le jury</h2>
      {jurors.total === 0 && !searched ? (
        <p>Personne n'a encore été invité au jury de ce concours.</p>
      ) : (
        <>
          {children}
          <p role="status">
            {jurors.total === 0 ? `Aucun membre du jury ne correspond à « ${searched} ».` : pagedSummary(jurors, "membre du jury", "membres du jury")}
          </p>
        </>
      )}
      {jurors.items.length > 0 ? (
        <DataTable
          caption={searched ? `Membres du jury pour « ${searched} »` : `${plural(jurors.total, "membre")} du jury`}
          headers={["Nom", "Compte", "Thèmes préférés", "Plafond", "Évaluations", "Liens déclarés", "Actions"]}
          rowHeaders
          rows={jurors.items.map((juror) => ({
            key: juror.userId,
            cells: [
              <>
                {juror.name}
                <br />
                <span className="fr-text--sm">{juror.email}</span>
              </>,
              <AccountState key="account" juror={juror} />,
              juror.themes.length ? juror.themes.join(", ") : "Aucun",
              juror.maxLoad ?? "Aucun",
              `${plural(juror.assigned, "affectée")}, ${plural(juror.submitted, "soumise")}`,
              juror.tiesDeclaredAt ? `Déclarés le ${formatDate(juror.tiesDeclaredAt)}` : "Pas encore",
              <JurorActions
                key="actions"
                actionPath={actionPath}
                contestThemes={contestThemes}
                juror={juror}
                answer={answer?.values.userId === String(juror.userId) ? answer : undefined}
              />,
            ],
          }))}
        />
      ) : null}
    </section>
  );
}

function AccountState({ juror }: { juror: JurorRow }) {
  return (
    <>
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
    </>
  );
}

/** Preferences and removal of one juror; `answer` is the refusal of a form of this row, shown back as typed. */
function JurorActions({
  actionPath,
  contestThemes,
  juror,
  answer,
}: {
  actionPath: string;
  contestThemes: string[];
  juror: JurorRow;
  answer: FormAnswer | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const typed = answer?.values.intent === "settings" ? answer : undefined;
  const themes = typed ? (typed.lists.themes ?? []) : juror.themes;
  const maxLoad = typed ? (typed.values.maxLoad ?? "") : juror.maxLoad === null ? "" : String(juror.maxLoad);
  const prefix = `membre-${juror.userId}`;
  return (
    <>
      <details open={answer !== undefined}>
        <summary>
          Modifier<span className="fr-sr-only"> les préférences de {juror.name}</span>
        </summary>
        <Form method="post" action={actionPath} noValidate>
          <input type="hidden" name="intent" value="settings" />
          <input type="hidden" name="userId" value={juror.userId} />
          <fieldset className={`fr-fieldset${answer?.errors.themes ? " fr-fieldset--error" : ""}`} aria-labelledby={`${prefix}-themes-legende`}>
            <legend className="fr-fieldset__legend fr-text--regular" id={`${prefix}-themes-legende`}>
              Thèmes préférés de {juror.name}
              <span className="fr-hint-text">Les propositions de ces thèmes lui sont confiées de préférence.</span>
            </legend>
            {contestThemes.map((theme, index) => (
              <div className="fr-fieldset__element" key={theme}>
                <div className="fr-checkbox-group fr-checkbox-group--sm">
                  <input type="checkbox" id={`${prefix}-theme-${index}`} name="themes" value={theme} defaultChecked={themes.includes(theme)} />
                  <label className="fr-label" htmlFor={`${prefix}-theme-${index}`}>
                    {theme}
                  </label>
                </div>
              </div>
            ))}
            {answer?.errors.themes ? <p className="fr-message fr-message--error">{answer.errors.themes}</p> : null}
          </fieldset>
          <Field
            id={`${prefix}-plafond`}
            label="Plafond d'évaluations"
            hint="Vide : aucun plafond, la charge est équilibrée avec les autres membres."
            name="maxLoad"
            inputMode="numeric"
            defaultValue={maxLoad}
            error={answer?.errors.maxLoad}
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
    </>
  );
}
