import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { readQuery } from "~/http/query";
import { jurorChangeSchema, jurorSearchSchema } from "~/jury/admin-schemas";
import { applyJurorChange, jurorsPage } from "~/jury/jurors.server";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { Pagination } from "~/ui/pagination";
import { SearchBar } from "~/ui/search-bar";
import { InviteJuror } from "./invite-juror";
import { JurorsTable } from "./jurors-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Membres du jury", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const { recherche, page } = readQuery(request, jurorSearchSchema);
  return { ...(await jurorsPage({ slug: params.slug!, now: now(), query: recherche, page })), recherche };
});

/** The search and page an admin was on, kept through a form's post and its redirect. */
function listPosition({ recherche, page }: { recherche: string | null; page: number }) {
  const params = new URLSearchParams();
  if (recherche) params.set("recherche", recherche);
  if (page > 1) params.set("page", String(page));
  return params;
}

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const admin = await requireUser(request, { role: "admin" });
  const change = await form.parse(jurorChangeSchema);
  const result = await applyJurorChange({ slug: params.slug!, actorId: admin.id, change });
  const position = listPosition(readQuery(request, jurorSearchSchema)).toString();
  const page = `/admin/concours/${params.slug}/jury${position ? `?${position}` : ""}`;
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
  const { contest, jurors, recherche } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const inviteAnswer = answer?.values.intent === "invite" ? answer : undefined;
  const rowAnswer = answer && answer.values.intent !== "invite" ? answer : undefined;
  // This page is the index of the jury frame: its forms post to ?index (the frame has no action),
  // with the search and page, which the redirect keeps.
  const position = listPosition({ recherche, page: jurors.page }).toString();
  const actionPath = `/admin/concours/${contest.slug}/jury?index${position ? `&${position}` : ""}`;

  return (
    <>
      <h1>Membres du jury</h1>
      <p className="fr-text--lead">{contest.title}</p>
      <SuccessNotice notices={notices} />
      {rowAnswer ? <ErrorSummary errors={rowAnswer.errors} labels={{}} /> : null}
      <InviteJuror actionPath={actionPath} answer={inviteAnswer} resetKey={jurors.total} />
      <JurorsTable actionPath={actionPath} contestThemes={contest.themes} jurors={jurors} searched={recherche} answer={rowAnswer}>
        <SearchBar
          id="recherche-jures"
          name="recherche"
          label="Rechercher un membre du jury par nom ou adresse électronique"
          placeholder="Nom ou adresse électronique"
          defaultValue={recherche ?? ""}
          button="Rechercher"
        />
      </JurorsTable>
      <Pagination page={jurors.page} pageCount={jurors.pageCount} label="Pages du jury" />
    </>
  );
}
