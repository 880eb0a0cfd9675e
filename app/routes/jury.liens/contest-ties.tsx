import { Form } from "@remix-run/react";
import type { FormAnswer } from "~/http/answers.server";
import { formatParis } from "~/infra/paris-time";
import { tieKindLabels, tieKinds, type TieKind } from "~/jury/review-schemas";
import { DataTable } from "~/ui/data-table";
import { ErrorSummary, Field, Notice, RequiredFieldsNote } from "~/ui/form";

type ContestWithTies = {
  id: number;
  title: string;
  editable: boolean;
  tiesDeclaredAt: Date | null;
  ties: { id: number; kind: TieKind; label: string; siret: string | null }[];
};

const addForms: { kind: TieKind; title: string; label: string; hint: string; what: string }[] = [
  {
    kind: "organisation",
    title: "Ajouter une organisation",
    label: "Nom de l'organisation",
    what: "l'organisation",
    hint: "Entreprise, association, collectivité, fablab… dont vous êtes ou avez été récemment membre, salarié, dirigeant, client ou partenaire.",
  },
  {
    kind: "email_domain",
    title: "Ajouter un domaine de courriel",
    label: "Domaine de courriel",
    what: "le domaine",
    hint: "Le domaine des adresses d'une organisation à laquelle vous êtes lié, par exemple fablab-exemple.fr. Pas de messagerie publique (gmail.com, orange.fr…).",
  },
  {
    kind: "person",
    title: "Ajouter une personne",
    label: "Prénom et nom",
    what: "la personne",
    hint: "Un proche, un associé, un collègue direct…",
  },
];

/** Which form of the section a refusal belongs to: an add form by its kind, else the section as a whole. */
function formOf(answer: FormAnswer): TieKind | "section" {
  const kind = answer.values.kind as TieKind;
  return answer.values.intent === "add" && tieKinds.includes(kind) ? kind : "section";
}

/** One contest's declaration: the ties (removable while the review is open), a form per kind of tie, the confirmation. */
export function ContestTies({ contest, answer }: { contest: ContestWithTies; answer: FormAnswer | undefined }) {
  const refusedForm = answer ? formOf(answer) : null;
  return (
    <section className="fr-mt-6w" id={`liens-${contest.id}`} aria-labelledby={`liens-${contest.id}-titre`}>
      <h2 id={`liens-${contest.id}-titre`}>{contest.title}</h2>
      {contest.tiesDeclaredAt ? (
        <p>Déclaration mise à jour le {formatParis(new Date(contest.tiesDeclaredAt))}.</p>
      ) : (
        <Notice kind="warning" title="Déclaration à faire">
          <p>Ajoutez vos liens ci-dessous, ou confirmez que vous n'en avez aucun.</p>
        </Notice>
      )}
      {!contest.editable ? <p>L'évaluation de ce concours est close : la déclaration ne se modifie plus.</p> : null}
      {refusedForm === "section" ? <ErrorSummary errors={answer?.errors} labels={{}} /> : null}

      {contest.ties.length === 0 ? (
        <p>Aucun lien déclaré.</p>
      ) : (
        <DataTable
          multiline={false}
          caption="Liens déclarés"
          headers={[
            "Nature",
            "Libellé",
            "SIRET ou SIREN",
            ...(contest.editable
              ? [
                  <span key="action" className="fr-sr-only">
                    Action
                  </span>,
                ]
              : []),
          ]}
          rows={contest.ties.map((tie) => ({
            key: tie.id,
            cells: [
              tieKindLabels[tie.kind],
              tie.label,
              tie.siret ?? "—",
              ...(contest.editable
                ? [
                    <Form key="remove" method="post">
                      <input type="hidden" name="contestId" value={contest.id} />
                      <input type="hidden" name="tieId" value={tie.id} />
                      <button
                        className="fr-btn fr-btn--sm fr-btn--tertiary"
                        type="submit"
                        name="intent"
                        value="remove"
                        title={`Retirer « ${tie.label} »`}
                      >
                        Retirer<span className="fr-sr-only"> « {tie.label} »</span>
                      </button>
                    </Form>,
                  ]
                : []),
            ],
          }))}
        />
      )}

      {contest.editable ? (
        <>
          {addForms.map((add) => {
            const mine = refusedForm === add.kind ? answer : undefined;
            const prefix = `${add.kind}-${contest.id}`;
            return (
              <Form method="post" noValidate key={add.kind} className="fr-mb-4w" aria-labelledby={`${prefix}-titre`}>
                <h3 className="fr-h6" id={`${prefix}-titre`}>
                  {add.title}
                </h3>
                {mine?.errors._form ? <ErrorSummary errors={{ _form: mine.errors._form }} labels={{}} /> : null}
                <RequiredFieldsNote />
                <input type="hidden" name="contestId" value={contest.id} />
                <input type="hidden" name="kind" value={add.kind} />
                <Field
                  id={`${prefix}-label`}
                  label={add.label}
                  hint={add.hint}
                  name="label"
                  maxLength={200}
                  defaultValue={mine?.values.label ?? ""}
                  error={mine?.errors.label}
                />
                {add.kind === "organisation" ? (
                  <Field
                    id={`${prefix}-siret`}
                    label="SIRET ou SIREN (facultatif)"
                    hint="14 chiffres pour un établissement, 9 pour l'entreprise."
                    name="siret"
                    inputMode="numeric"
                    maxLength={20}
                    defaultValue={mine?.values.siret ?? ""}
                    error={mine?.errors.siret}
                  />
                ) : null}
                <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="add">
                  Ajouter<span className="fr-sr-only"> {add.what}</span>
                </button>
              </Form>
            );
          })}
          <Form method="post">
            <input type="hidden" name="contestId" value={contest.id} />
            <button className="fr-btn" type="submit" name="intent" value="confirm">
              {contest.ties.length === 0 ? "Je confirme n'avoir aucun lien à déclarer" : "Je confirme ma déclaration"}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
