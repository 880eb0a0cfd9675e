import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { phaseLabels } from "~/contest/phase";
import { formAction, withDomainErrors, type FormAnswer } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { readQuery } from "~/http/query";
import { now } from "~/infra/clock.server";
import { formatParis } from "~/infra/paris-time";
import { assignmentChangeSchema, assignmentQuerySchema } from "~/jury/admin-schemas";
import { applyAssignmentChange, assignmentPage } from "~/jury/assignments.server";
import { Notice } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { plural } from "~/ui/plural";
import { IncompleteProposals, JurorAssignments } from "./assignment-lists";
import { AutomaticAssignment, type Infeasible } from "./automatic-assignment";
import { ManualAssignment } from "./manual-assignment";
import { LoadAndProgress } from "./load-and-progress";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Affectation et suivi", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const query = readQuery(request, assignmentQuerySchema);
  const page = await assignmentPage({ slug: params.slug!, now: now(), jurorId: query.membre, runId: query.execution });
  return { ...page, query };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const admin = await requireUser(request, { role: "admin" });
  const change = await form.parse(assignmentChangeSchema);
  const result = await applyAssignmentChange({ slug: params.slug!, actorId: admin.id, change, now: now() });
  const page = `/admin/concours/${params.slug}/jury/affectation`;
  switch (result.done) {
    case "run": {
      const { outcome } = result;
      if (outcome.ok) return redirectWithNotice(page, "affectation", { execution: outcome.runId });
      // No assignment exists: the solver's explanation, problem by problem, beside the form.
      const infeasible: Infeasible = { summary: outcome.summary, problems: outcome.problems.map((problem) => problem.message) };
      return data<FormAnswer & { infeasible: Infeasible }>({ errors: {}, details: [], ...form.typed(), infeasible }, { status: 409 });
    }
    case "reminded":
      return redirectWithNotice(page, "relances", { nombre: result.sent });
    case "added":
    case "removed":
      return redirectWithNotice(page, result.done === "added" ? "ajout" : "retrait", { membre: result.userId });
  }
});

const notices = {
  relances: (figures: URLSearchParams) => {
    const sent = Number(figures.get("nombre") ?? 0);
    return sent === 0
      ? "Aucun membre du jury n'a d'évaluation en attente : aucune relance n'a été envoyée."
      : `${plural(sent, "relance")} ${sent > 1 ? "envoyées" : "envoyée"} par courriel.`;
  },
  ajout: "L'affectation est ajoutée.",
  retrait: "L'affectation est retirée.",
};

export default function JuryAssignment() {
  const page = useLoaderData<typeof loader>();
  const { contest, jurors, run } = page;
  const answer = useActionData<typeof action>();
  const intent = answer?.values.intent;
  const base = `/admin/concours/${contest.slug}/jury/affectation`;

  return (
    <>
      <h1>Affectation et suivi</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <ul>
        <li>
          Phase : {phaseLabels[contest.phase]} — évaluation du {formatParis(new Date(contest.reviewOpenAt))} au{" "}
          {formatParis(new Date(contest.reviewCloseAt))}
        </li>
        <li>Propositions recevables : {page.eligible}</li>
        <li>Affectations : {page.assignments}</li>
        <li>
          Membres du jury : {jurors.length}
          {page.balance
            ? page.balance.minLoad === page.balance.maxLoad
              ? ` — ${plural(page.balance.maxLoad, "évaluation")} chacun`
              : ` — charges de ${page.balance.minLoad} à ${page.balance.maxLoad} évaluations`
            : ""}
        </li>
      </ul>
      {page.sealed ? <Notice kind="info" title="Les notes sont scellées : les affectations ne changent plus." /> : null}
      {run ? (
        <SuccessNotice
          title={`Affectation automatique n° ${run.id} enregistrée`}
          notices={{
            affectation:
              `${plural(run.added, "nouvelle affectation", "nouvelles affectations")}, ${plural(run.reviewsPerProposal, "évaluation")} par proposition. ` +
              `Graine : ${run.seed} (les mêmes données et la même graine donnent la même affectation). ` +
              `Évaluations sans thème commun entre la proposition et le membre du jury : ${run.totalCost}.`,
          }}
        />
      ) : null}
      <SuccessNotice notices={notices} />

      <AutomaticAssignment
        actionPath={base}
        answer={intent === "run" ? answer : undefined}
        reviewsPerProposal={page.reviewsPerProposal}
        runs={page.runs}
        sealed={page.sealed}
      />
      <LoadAndProgress
        actionPath={base}
        contestSlug={contest.slug}
        jurors={jurors}
        selectedJurorId={page.query.membre}
        answer={intent === "remind" ? answer : undefined}
      />
      <ManualAssignment
        actionPath={base}
        jurors={jurors}
        selectedJurorId={page.query.membre}
        sealed={page.sealed}
        answer={intent === "add" || intent === "remove" ? answer : undefined}
      />
      <IncompleteProposals
        contestSlug={contest.slug}
        incomplete={page.incomplete}
        more={page.moreIncomplete}
        reviewsPerProposal={page.reviewsPerProposal}
      />
      {page.selectedJuror ? (
        <JurorAssignments
          actionPath={base}
          contestSlug={contest.slug}
          juror={page.selectedJuror}
          assignments={page.jurorAssignments}
          sealed={page.sealed}
        />
      ) : null}
    </>
  );
}
