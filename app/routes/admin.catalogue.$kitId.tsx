import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { findKitForAdmin, setOffer } from "~/catalogue/kits.server";
import { offerLabels, offerSchema } from "~/catalogue/schemas";
import { latestCampaign } from "~/envelope/campaigns.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { now } from "~/infra/clock.server";
import { Conflict, NotFound } from "~/infra/domain-errors";
import { formatParis } from "~/infra/paris-time";
import { formatEuros } from "~/money/euros";
import { BackLink } from "~/ui/back-link";
import { fieldBinder } from "~/ui/fields";
import { ErrorSummary, Field, SubmitButton } from "~/ui/form";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`Offre — ${data?.kit.title ?? "Kit"}`, "Catalogue", "Administration") },
];

const KIT_NOT_FOUND = "Ce kit n'est pas au catalogue.";

async function currentCampaign() {
  const campaign = await latestCampaign();
  if (!campaign) throw new NotFound("Aucune campagne de distribution n'est ouverte : les offres se fixent par campagne.");
  return campaign;
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  await requireUser(request, { role: "admin" });
  const kitId = requireRecordId(params.kitId, KIT_NOT_FOUND);
  const campaign = await currentCampaign();
  return { campaign, kit: await findKitForAdmin(kitId, campaign.id) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, params, form }) => {
  const user = await requireUser(request, { role: "admin" });
  const kitId = requireRecordId(params.kitId, KIT_NOT_FOUND);
  const input = await form.parse(offerSchema);
  // The page is about the latest campaign; a form about another one (opened meanwhile, or forged) changes nothing.
  if ((await currentCampaign()).id !== input.campaignId) throw new Conflict("Cette page portait sur une autre campagne : rechargez-la.");
  await setOffer({
    campaignId: input.campaignId,
    kitId,
    unitPriceCents: input.unitPrice,
    leadTimeDays: input.leadTimeDays,
    orderable: input.orderable,
    actorId: user.id,
    now: now(),
  });
  return redirectWithNotice("/admin/catalogue", "offre");
});

export default function KitOffer() {
  const { campaign, kit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors = answer?.errors ?? {};
  const start = {
    unitPrice: formatEuros(kit.offer?.unitPriceCents ?? kit.juryUnitPriceCents).replace(/\s*€$/, ""),
    leadTimeDays: String(kit.offer?.leadTimeDays ?? kit.proposedLeadTimeDays ?? ""),
    orderable: kit.offer?.orderable ?? true,
  };
  // After a refusal, what was typed; before, the current offer (or the jury's price and the proposed lead time).
  const typed = answer
    ? { unitPrice: answer.values.unitPrice ?? "", leadTimeDays: answer.values.leadTimeDays ?? "", orderable: answer.values.orderable === "oui" }
    : start;
  const bound = fieldBinder(offerLabels, typed, errors);
  return (
    <>
      <BackLink to="/admin/catalogue">Catalogue</BackLink>
      <h1>Offre — {kit.title}</h1>
      <p>
        Campagne « {campaign.name} », commandes du {formatParis(new Date(campaign.opensAt))} au {formatParis(new Date(campaign.closesAt))} (heure de
        Paris). Prix unitaire retenu par le jury : {formatEuros(kit.juryUnitPriceCents)}.{" "}
        <Link to={`/catalogue/${kit.kit.slug}`}>Page publique du kit</Link>
      </p>
      <ErrorSummary errors={errors} labels={offerLabels} />
      <Form method="post" noValidate>
        <input type="hidden" name="campaignId" value={campaign.id} />
        <p className="fr-hint-text">Tous les champs sont obligatoires sauf mention contraire.</p>
        <Field {...bound("unitPrice")} inputMode="decimal" required hint="En euros TTC, par exemple 199,00" />
        <Field {...bound("leadTimeDays")} inputMode="numeric" required hint="Entre 1 et 365 jours" />
        <div className="fr-checkbox-group fr-mb-3w">
          <input type="checkbox" id="champ-orderable" name="orderable" value="oui" defaultChecked={typed.orderable} />
          <label className="fr-label" htmlFor="champ-orderable">
            {offerLabels.orderable} (facultatif)
            <span className="fr-hint-text">Décoché : le kit reste au catalogue mais ne peut pas être commandé dans cette campagne.</span>
          </label>
        </div>
        <SubmitButton>Enregistrer l'offre</SubmitButton>
      </Form>
    </>
  );
}
