import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { recordId } from "~/http/params";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { formatParis } from "~/infra/paris-time";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { tieFormSchema, tieKindLabels, tieKinds, tieRemovalSchema, type TieKind } from "~/jury/review-schemas";
import { addTie, confirmTies, JurorSeatNotFound, listTiesOfJuror, removeTie, TieRefused } from "~/jury/ties.server";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction = () => [{ title: "Mes liens d'intérêts — Espace du jury — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "juror" });
  const contests = await listTiesOfJuror(user.id, now());
  return {
    contests: contests.map((c) => ({
      id: c.id,
      title: c.title,
      editable: c.editable,
      tiesDeclaredAt: c.tiesDeclaredAt,
      ties: c.ties.map((t) => ({ id: t.id, kind: t.kind, label: t.label, siret: t.siret })),
    })),
  };
}

const contestParam = z.object({ contestId: recordId });

type FormName = TieKind | "remove" | "confirm";
type Result = { contestId: number; form: FormName; errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "juror" });
  const formData = await readFormData(request);
  const contest = contestParam.safeParse(Object.fromEntries(formData));
  if (!contest.success) notFound("Concours introuvable");
  const contestId = contest.data.contestId;
  const intent = String(formData.get("intent") ?? "");
  const kind = String(formData.get("kind") ?? "");
  // Errors show by the form that was sent; an unknown kind falls back to the section's general message.
  const formName: FormName =
    intent === "remove" ? "remove" : intent === "add" && (tieKinds as readonly string[]).includes(kind) ? (kind as TieKind) : "confirm";
  const fail = (errors: FieldErrors, status: number) =>
    data<Result>({ contestId, form: formName, errors, values: submittedValues(formData).values }, { status });
  try {
    if (intent === "add") {
      const form = parseForm(formData, tieFormSchema);
      if (!form.ok) return fail(form.errors, 400);
      await addTie({ contestId, userId: user.id, tie: form.data, now: now() });
      return redirect(`/jury/liens?fait=ajout#liens-${contestId}`);
    }
    if (intent === "remove") {
      const form = parseForm(formData, tieRemovalSchema);
      if (!form.ok) notFound("Lien introuvable");
      await removeTie({ contestId, userId: user.id, tieId: form.data.tieId, now: now() });
      return redirect(`/jury/liens?fait=retrait#liens-${contestId}`);
    }
    if (intent === "confirm") {
      await confirmTies({ contestId, userId: user.id, now: now() });
      return redirect(`/jury/liens?fait=confirmation#liens-${contestId}`);
    }
    return fail({ _form: "Choisissez d'ajouter un lien, d'en retirer un ou de confirmer votre déclaration." }, 400);
  } catch (error) {
    if (error instanceof JurorSeatNotFound) notFound("Concours introuvable");
    if (error instanceof TieRefused) return fail({ [error.field]: error.message }, 409);
    throw error;
  }
}

const done: Record<string, string> = {
  ajout: "Le lien est ajouté à votre déclaration.",
  retrait: "Le lien est retiré de votre déclaration.",
  confirmation: "Votre déclaration est confirmée.",
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

export default function JurorTies() {
  const { contests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const message = done[search.get("fait") ?? ""];
  return (
    <Page
      title="Mes liens d'intérêts"
      lead="Déclarez les organisations, domaines de courriel et personnes avec lesquels vous avez des liens, pour ne jamais évaluer une proposition qui vous concerne."
    >
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/jury">
          Espace du jury
        </Link>
      </p>
      <p>
        Votre déclaration n'est lue que par les gestionnaires du programme. Les propositions avec lesquelles un lien est constaté ne vous sont pas
        attribuées ; vous n'êtes pas informé de leur existence.
      </p>
      {message ? <Notice kind="success" title={message} /> : null}
      {contests.length === 0 ? (
        <Notice kind="info" title="Aucun concours">
          <p>Vous n'êtes membre du jury d'aucun concours pour le moment.</p>
        </Notice>
      ) : null}
      {contests.map((contest) => {
        const own = result && result.contestId === contest.id ? result : null;
        return (
          <section className="fr-mt-6w" key={contest.id} id={`liens-${contest.id}`} aria-labelledby={`liens-${contest.id}-titre`}>
            <h2 id={`liens-${contest.id}-titre`}>{contest.title}</h2>
            {contest.tiesDeclaredAt ? (
              <p>Déclaration mise à jour le {formatParis(new Date(contest.tiesDeclaredAt))}.</p>
            ) : (
              <Notice kind="warning" title="Déclaration à faire">
                <p>Ajoutez vos liens ci-dessous, ou confirmez que vous n'en avez aucun.</p>
              </Notice>
            )}
            {!contest.editable ? <p>L'évaluation de ce concours est close : la déclaration ne se modifie plus.</p> : null}
            {own && (own.form === "remove" || own.form === "confirm") ? <ErrorSummary errors={own.errors} labels={{}} /> : null}

            {contest.ties.length === 0 ? (
              <p>Aucun lien déclaré.</p>
            ) : (
              <div className="fr-table">
                <table>
                  <caption>Liens déclarés</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nature</th>
                      <th scope="col">Libellé</th>
                      <th scope="col">SIRET ou SIREN</th>
                      {contest.editable ? (
                        <th scope="col">
                          <span className="fr-sr-only">Action</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {contest.ties.map((tie) => (
                      <tr key={tie.id}>
                        <td>{tieKindLabels[tie.kind]}</td>
                        <td>{tie.label}</td>
                        <td>{tie.siret ?? "—"}</td>
                        {contest.editable ? (
                          <td>
                            <Form method="post">
                              <input type="hidden" name="contestId" value={contest.id} />
                              <input type="hidden" name="tieId" value={tie.id} />
                              <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit" name="intent" value="remove" title={`Retirer « ${tie.label} »`}>
                                Retirer<span className="fr-sr-only"> « {tie.label} »</span>
                              </button>
                            </Form>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {contest.editable ? (
              <>
                {addForms.map((add) => {
                  const mine = own && own.form === add.kind ? own : null;
                  const prefix = `${add.kind}-${contest.id}`;
                  return (
                    <Form method="post" noValidate key={add.kind} className="fr-mb-4w" aria-labelledby={`${prefix}-titre`}>
                      <h3 className="fr-h6" id={`${prefix}-titre`}>
                        {add.title}
                      </h3>
                      {mine?.errors._form ? <ErrorSummary errors={{ _form: mine.errors._form }} labels={{}} /> : null}
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
      })}
    </Page>
  );
}
