import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { jurorChangeSchema } from "~/jury/admin-schemas";
import { applyJurorChange, jurorsPage } from "~/jury/jurors.server";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { InviteJuror } from "./invite-juror";
import { JurorsTable } from "./jurors-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Membres du jury", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  return jurorsPage({ slug: params.slug!, now: now() });
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const admin = await requireUser(request, { role: "admin" });
  const change = await form.parse(jurorChangeSchema);
  const result = await applyJurorChange({ slug: params.slug!, actorId: admin.id, change });
  const page = `/admin/concours/${params.slug}/jury`;
  if (result.done === "invited" && result.accountCreated) return redirectWithNotice(page, "invited", { compte: "nouveau" });
  return redirectWithNotice(page, result.done);
});

const notices = {
  invited: (figures: URLSearchParams) =>
    "L'invitation est envoyée : la personne est membre du jury de ce concours." +
    (figures.get("compte") === "nouveau" ? " Son compte a été créé ; le courriel d'invitation contient un lien pour choisir son mot de passe." : ""),
  updated: "Les préférences du membre du jury sont enregistrées.",
  removed: "Le membre du jury est retiré : ses affectations et ses liens déclarés sont supprimés.",
};

export default function JuryMembers() {
  const { contest, jurors } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const inviteAnswer = answer?.values.intent === "invite" ? answer : undefined;
  const rowAnswer = answer && answer.values.intent !== "invite" ? answer : undefined;
  // This page is the index of the jury frame: its forms post to ?index (the frame has no action).
  const actionPath = `/admin/concours/${contest.slug}/jury?index`;

  return (
    <>
      <h1>Membres du jury</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <SuccessNotice notices={notices} />
      {rowAnswer ? <ErrorSummary errors={rowAnswer.errors} labels={{}} /> : null}
      <InviteJuror actionPath={actionPath} answer={inviteAnswer} resetKey={jurors.length} />
      <JurorsTable actionPath={actionPath} contestThemes={contest.themes} jurors={jurors} answer={rowAnswer} />
    </>
  );
}
