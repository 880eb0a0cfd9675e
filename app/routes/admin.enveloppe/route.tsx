import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { createCampaign, latestCampaign, listAllocations } from "~/envelope/campaigns.server";
import { moveFunds, verifyLedger } from "~/envelope/ledger.server";
import { campaignSchema, fundsMoveSchema } from "~/envelope/schemas";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { NotFound } from "~/infra/domain-errors";
import { now } from "~/infra/clock.server";
import { formatEuros } from "~/money/euros";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { AllocationTable } from "./allocation-table";
import { CampaignForm } from "./campaign-form";
import { CampaignSummary } from "./campaign-summary";
import { FranceMap } from "./france-map";
import { FundsMoveForm } from "./funds-move-form";

export const meta: MetaFunction = () => [{ title: pageTitle("Enveloppe", "Administration") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const campaign = await latestCampaign();
  if (!campaign) return { campaign: null, allocations: [], differences: [] };
  const [allocations, differences] = await Promise.all([listAllocations(campaign.id), verifyLedger(campaign.id)]);
  return { campaign, allocations, differences };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "admin" });
  if ((await form.intent()) === "create") {
    const input = await form.parse(campaignSchema);
    const table = await form.file("file");
    await createCampaign({
      name: input.name,
      nationalCapCents: input.nationalCap,
      reserve: { percent: input.reservePercent },
      floorCents: input.floor,
      weights: table ? { fileText: await table.text(), source: input.weightSource, year: input.weightYear } : undefined,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      actorId: user.id,
      now: now(),
    });
    return redirectWithNotice("/admin/enveloppe", "ouverte");
  }
  const campaign = await latestCampaign();
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte.");
  const move = await form.parse(fundsMoveSchema);
  const account = (value: string) => (value === "reserve" ? ("reserve" as const) : { departementCode: value });
  await moveFunds({
    campaignId: campaign.id,
    from: account(move.from),
    to: account(move.to),
    cents: move.amount,
    reason: move.reason,
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice("/admin/enveloppe", "deplace", { montant: formatEuros(move.amount) });
});

export default function Envelope() {
  const { campaign, allocations, differences } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <h1>Enveloppe</h1>
      <SuccessNotice
        notices={{
          ouverte: "La campagne est ouverte : l'enveloppe est répartie entre les 101 départements et inscrite au grand livre.",
          deplace: (figures) => `${figures.get("montant")} déplacés ; le mouvement figure au grand livre avec sa raison.`,
        }}
      />
      {campaign ? (
        <>
          <CampaignSummary campaign={campaign} allocations={allocations} differences={differences} />
          <FundsMoveForm allocations={allocations} answer={answer} />
          <FranceMap allocations={allocations} />
          <AllocationTable allocations={allocations} weightDecimals={campaign.weightDecimals} />
        </>
      ) : (
        <CampaignForm answer={answer} />
      )}
    </>
  );
}
