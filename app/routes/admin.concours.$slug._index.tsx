import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireUser } from "~/accounts/permissions.server";
import { ContestForm, contestFieldLabels, contestFormValues, valuesFromSubmission } from "~/contest/contest-form";
import { CalendarLocked, extendDeadline, findContestBySlug, SlugTaken, updateContest } from "~/contest/contests.server";
import { formatParis, toParisLocal } from "~/infra/paris-time";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { contestFormSchema, deadlineExtensionSchema } from "~/contest/schemas";
import { now } from "~/infra/clock.server";
import { parseForm, submittedValues, readFormData } from "~/infra/forms";
import { ErrorSummary, Field, Notice } from "~/ui/form";
import { TextArea } from "~/ui/fields";
import type { FieldErrors } from "~/infra/domain-errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.contest.title ?? "Concours"} — Administration — Kits d'inclusion numérique` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(params.slug!);
  if (!contest) notFound("Concours introuvable");
  const phase = contestPhase(contest.calendar, now());
  return { contest, phase, opened: phase !== "draft", values: contestFormValues(contest) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "admin" });
  const contest = await findContestBySlug(params.slug!);
  if (!contest) notFound("Concours introuvable");
  const formData = await readFormData(request);

  if (formData.get("intent") === "extend") {
    const form = parseForm(formData, deadlineExtensionSchema);
    if (!form.ok) return data({ intent: "extend" as const, errors: form.errors, values: form.values }, { status: 400 });
    try {
      await extendDeadline({ contestId: contest.id, submissionsCloseAt: form.data.submissionsCloseAt, reason: form.data.reason, actorId: user.id });
    } catch (error) {
      if (error instanceof CalendarLocked) {
        const errors: FieldErrors = { submissionsCloseAt: error.message };
        return data({ intent: "extend" as const, errors, values: submittedValues(formData).values }, { status: 409 });
      }
      throw error;
    }
    return redirect(`/admin/concours/${contest.slug}?prolonge=1`);
  }

  const form = parseForm(formData, contestFormSchema);
  if (!form.ok) return data({ intent: "save" as const, errors: form.errors, values: valuesFromSubmission(form.values, form.lists) }, { status: 400 });
  try {
    const updated = await updateContest(contest.id, form.data, user.id, now());
    return redirect(`/admin/concours/${updated!.slug}?enregistre=1`);
  } catch (error) {
    if (error instanceof SlugTaken || error instanceof CalendarLocked) {
      const { values, lists } = submittedValues(formData);
      const errors: FieldErrors = { [error instanceof SlugTaken ? "slug" : "submissionsCloseAt"]: error.message };
      return data({ intent: "save" as const, errors, values: valuesFromSubmission(values, lists) }, { status: 409 });
    }
    throw error;
  }
}

export default function EditContest() {
  const { contest, phase, opened, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const saveResult = result?.intent === "save" ? result : undefined;
  const extendResult = result?.intent === "extend" ? result : undefined;
  const closesAt = new Date(contest.calendar.submissionsCloseAt);
  return (
    <>
      <h1>{contest.title}</h1>
      <p>
        Phase actuelle : <strong>{phaseLabels[phase]}</strong> —{" "}
        <Link to={`/admin/concours/${contest.slug}/propositions`}>voir les propositions</Link> —{" "}
        <Link to={`/admin/concours/${contest.slug}/jury`}>gérer le jury</Link> —{" "}
        <Link to={`/admin/concours/${contest.slug}/deliberation`}>délibération et résultats</Link>
      </p>
      {search.get("cree") ? <Notice kind="success" title="Le concours est créé." /> : null}
      {search.get("enregistre") ? <Notice kind="success" title="Les modifications sont enregistrées." /> : null}
      {search.get("prolonge") ? (
        <Notice kind="success" title="La clôture des candidatures est repoussée.">
          <p>Nouvelle clôture : {formatParis(closesAt)}. La prolongation et sa raison figurent au journal d'audit.</p>
        </Notice>
      ) : null}

      {opened && (phase === "submissions_open" || phase === "submissions_closed") ? (
        <section className="fr-mb-6w" aria-labelledby="prolongation">
          <h2 id="prolongation">Prolonger le dépôt des candidatures</h2>
          <p>Clôture actuelle : {formatParis(closesAt)} (heure de Paris). Elle ne peut qu'être repoussée, et la raison est enregistrée.</p>
          <ErrorSummary errors={extendResult?.errors} labels={{ submissionsCloseAt: "Nouvelle clôture", reason: "Raison" }} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="extend" />
            <Field
              label="Nouvelle clôture"
              name="submissionsCloseAt"
              id="champ-extension-close"
              type="datetime-local"
              defaultValue={extendResult?.values.submissionsCloseAt ?? toParisLocal(closesAt)}
              error={extendResult?.errors.submissionsCloseAt}
            />
            <TextArea
              label="Raison de la prolongation"
              name="reason"
              id="champ-extension-reason"
              rows={3}
              defaultValue={extendResult?.values.reason ?? ""}
              error={extendResult?.errors.reason}
            />
            <button className="fr-btn fr-btn--secondary" type="submit">
              Prolonger
            </button>
          </Form>
        </section>
      ) : null}

      <h2>Paramètres du concours</h2>
      <ErrorSummary errors={saveResult?.errors} labels={contestFieldLabels} />
      <ContestForm values={saveResult?.values ?? values} errors={saveResult?.errors} submitLabel="Enregistrer" datesLocked={opened} />
    </>
  );
}
