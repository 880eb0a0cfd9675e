import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { phaseLabels } from "~/contest/phase";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { Refused } from "~/infra/domain-errors";
import { readQuery } from "~/http/query";
import { rankingFilters, rankingQuerySchema } from "~/results/decision-schemas";
import { contestToDeliberate, loadDeliberationPage } from "~/results/deliberation.server";
import { sealScores } from "~/results/seal.server";
import { BackLink } from "~/ui/back-link";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { PublicationSection } from "./publication-section";
import { JurorsLink, RankingSection } from "./ranking-sections";
import { AgreementSection, SealedSection, SealSection } from "./seal-sections";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Délibération", data?.contest.title ?? "Concours", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  const query = readQuery(request, rankingQuerySchema);
  const view = await loadDeliberationPage(contest, { now: now(), filter: rankingFilters[query.filtre], page: query.page });
  return { contest: { slug: contest.slug, title: contest.title, reviewCloseAt: contest.calendar.reviewCloseAt }, view, filter: query.filtre };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  if ((await form.intent()) !== "seal") throw new Refused("Action inconnue.");
  await sealScores({ contestId: contest.id, actorId: user.id, now: now() });
  return redirectWithNotice(`/admin/concours/${contest.slug}/deliberation`, "scelle");
});

export default function Deliberation() {
  const { contest, view, filter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/admin/concours/${contest.slug}/deliberation`;
  return (
    <>
      <BackLink to={`/admin/concours/${contest.slug}`}>{contest.title}</BackLink>
      <h1>Délibération</h1>
      <p>
        Phase actuelle : <strong>{phaseLabels[view.phase]}</strong>
      </p>
      <SuccessNotice
        notices={{
          scelle: "Les notes sont scellées.",
          decision: "La décision est enregistrée.",
          publies:
            "Les résultats sont publiés. Les candidats sont prévenus par courriel ; les kits lauréats sont présentés sur la page des lauréats.",
        }}
      />
      <ErrorSummary errors={result?.errors} labels={{}} />
      {!view.seal ? (
        <SealSection canSeal={view.canSeal} reviewCloseAt={contest.reviewCloseAt} />
      ) : (
        <>
          <SealedSection seal={view.seal} />
          <AgreementSection agreement={view.seal.agreement} />
          <RankingSection ranking={view.seal.ranking} filter={filter} base={base} />
          <JurorsLink jurorCount={view.seal.jurorCount} base={base} />
          <PublicationSection view={view} base={base} />
        </>
      )}
    </>
  );
}
