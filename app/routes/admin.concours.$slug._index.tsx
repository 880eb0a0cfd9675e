import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { ContestForm, contestFieldLabels, contestFormValues, valuesFromSubmission } from "~/contest/contest-form";
import { extendDeadline, requireContestBySlug, updateContest } from "~/contest/contests.server";
import { contestPhase, phaseLabels } from "~/contest/phase";
import { contestFormSchema, deadlineExtensionSchema } from "~/contest/schemas";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { formatParis, toParisLocal } from "~/infra/paris-time";
import { TextArea } from "~/ui/fields";
import { ErrorSummary, Field, RequiredFieldsNote } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.contest.title ?? "Concours", "Administration") }];

// Pure: the browser bundle then drops the server half (esbuild keeps top-level calls otherwise).
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await requireContestBySlug(params.slug);
  const phase = contestPhase(contest.calendar, now());
  return { contest, phase, opened: phase !== "draft", values: contestFormValues(contest) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const contest = await requireContestBySlug(params.slug);
  if ((await form.intent()) === "extend") {
    const extension = await form.parse(deadlineExtensionSchema);
    await extendDeadline({ contestId: contest.id, submissionsCloseAt: extension.submissionsCloseAt, reason: extension.reason, actorId: user.id });
    return redirectWithNotice(`/admin/concours/${contest.slug}`, "prolonge");
  }
  const updated = await updateContest(contest.id, await form.parse(contestFormSchema), user.id, now());
  return redirectWithNotice(`/admin/concours/${updated!.slug}`, "enregistre");
});

export default function EditContest() {
  const { contest, phase, opened, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const extendResult = result?.values.intent === "extend" ? result : undefined;
  const saveResult = result && !extendResult ? result : undefined;
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
      <SuccessNotice
        notices={{
          cree: "Le concours est créé.",
          enregistre: "Les modifications sont enregistrées.",
          prolonge: `La clôture des candidatures est repoussée au ${formatParis(closesAt)}. La prolongation et sa raison figurent au journal d'audit.`,
        }}
      />

      {opened && (phase === "submissions_open" || phase === "submissions_closed") ? (
        <section className="fr-mb-6w" aria-labelledby="prolongation">
          <h2 id="prolongation">Prolonger le dépôt des candidatures</h2>
          <p>Clôture actuelle : {formatParis(closesAt)} (heure de Paris). Elle ne peut qu'être repoussée, et la raison est enregistrée.</p>
          <ErrorSummary errors={extendResult?.errors} labels={{ submissionsCloseAt: "Nouvelle clôture", reason: "Raison" }} />
          <Form method="post" noValidate>
            <RequiredFieldsNote />
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
      <ContestForm
        values={saveResult ? valuesFromSubmission(saveResult.values, saveResult.lists) : values}
        errors={saveResult?.errors}
        submitLabel="Enregistrer"
        datesLocked={opened}
      />
    </>
  );
}
