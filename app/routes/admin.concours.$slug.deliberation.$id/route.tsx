import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { weightShares } from "~/contest/weights";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { readQuery } from "~/http/query";
import { decisionSchema, rankingQuerySchema, rankingSearch } from "~/results/decision-schemas";
import { findDecisionEntry, recordDecision } from "~/results/decisions.server";
import { contestToDeliberate, loadEntryDeliberation } from "~/results/deliberation.server";
import { statusLabels } from "~/submissions/statuses";
import { BackLink } from "~/ui/back-link";
import { pageTitle } from "~/ui/page-title";
import { DecisionSection } from "./decision-section";
import { SealedReviewsSection } from "./sealed-reviews-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Décision", data?.entry.fields.title || "Proposition", "Administration") },
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  const entry = await findDecisionEntry(contest.id, requireRecordId(params.id, "Proposition introuvable."));
  const { view, entry: figures, reviews } = await loadEntryDeliberation(contest, entry.proposalId, now());
  const criteria = view.seal?.criteria ?? [];
  const shares = weightShares(criteria.map((c) => c.weight));
  return {
    entry,
    figures,
    reviews,
    criteria: criteria.map((c, i) => ({ id: c.id, label: c.label, share: shares[i] })),
    sealed: view.seal !== null,
    publication: view.publication,
    canDecide: view.canDecide,
    // The page of the ranking the admin came from, to go back to after deciding.
    back: `/admin/concours/${contest.slug}/deliberation${rankingSearch(readQuery(request, rankingQuerySchema))}`,
  };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const contest = await contestToDeliberate(params.slug);
  const proposalId = requireRecordId(params.id, "Proposition introuvable.");
  const decision = await form.parse(decisionSchema);
  await recordDecision({ contestId: contest.id, proposalId, decision, actorId: user.id, now: now() });
  const back = rankingSearch(readQuery(request, rankingQuerySchema));
  return redirectWithNotice(`/admin/concours/${contest.slug}/deliberation${back}#classement`, "decision");
});

export default function EntryDecision() {
  const { entry, figures, reviews, criteria, sealed, publication, canDecide, back } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <BackLink to={back}>Délibération</BackLink>
      <h1>{entry.fields.title || "(sans titre)"}</h1>
      <p>
        Proposition n° {entry.proposalId} — candidat : {entry.candidateName}
        {entry.fields.organisationName ? ` (${entry.fields.organisationName})` : ""} — statut : <strong>{statusLabels[entry.status]}</strong>
      </p>
      <p>{entry.fields.pitch}</p>
      {figures ? <SealedReviewsSection figures={figures} reviews={reviews} criteria={criteria} /> : null}
      <DecisionSection entry={entry} sealed={sealed} published={publication !== null} canDecide={canDecide} answer={result} />
    </>
  );
}
