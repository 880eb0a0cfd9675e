import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { declareSupply, listCatalogueKits, listMakersOfMember, requestKits, setPaused } from "~/makers/makers.server";
import { kitRequestSchema, pauseSchema, supplySchema } from "~/makers/schemas";
import { monthlyLoads } from "~/orders/maker-shares.server";
import { departementsByRegion } from "~/territories/territories.server";
import { ErrorSummary } from "~/ui/form";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { MakerSection, type SpaceAnswer } from "./maker-section";
import { MonthlyLoad } from "./monthly-load";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace fabricant") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "maker" });
  const [makers, catalogue, regions, loads] = await Promise.all([
    listMakersOfMember(user.id),
    listCatalogueKits(),
    departementsByRegion(),
    monthlyLoads({ userId: user.id, now: now() }),
  ]);
  return { name: user.name, makers, catalogue, regions, loads };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "maker" });
  const intent = await form.intent();
  if (intent === "request") {
    const input = await form.parse(kitRequestSchema);
    await requestKits({ ...input, userId: user.id, now: now() });
    return redirectWithNotice(`/fabricant#fabricant-${input.makerId}`, "demande");
  }
  if (intent === "pause") {
    const input = await form.parse(pauseSchema);
    await setPaused({ ...input, userId: user.id, now: now() });
    return redirectWithNotice(`/fabricant#fabricant-${input.makerId}`, input.paused ? "pause" : "reprise");
  }
  const input = await form.parse(supplySchema);
  await declareSupply({ ...input, userId: user.id, now: now() });
  return redirectWithNotice(`/fabricant#fabricant-${input.makerId}`, "couverture");
});

export default function MakerSpace() {
  const { name, makers, catalogue, regions, loads } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as SpaceAnswer;
  return (
    <div className="fr-container fr-my-6w">
      <h1>Espace fabricant</h1>
      <SuccessNotice
        notices={{
          inscrit: (figures) => `Le fabricant « ${figures.get("fabricant")} » est inscrit. Choisissez maintenant les kits que vous voulez fabriquer.`,
          demande: "Votre demande est transmise à l'équipe du programme : vous recevrez sa décision par courriel.",
          couverture: "Les départements livrés et la capacité par mois sont enregistrés.",
          pause: "La fabrication de ce kit est en pause.",
          reprise: "La fabrication de ce kit reprend.",
        }}
      />
      <ErrorSummary errors={answer?.errors._form ? { _form: answer.errors._form } : undefined} labels={{}} />
      {makers.length === 0 ? (
        <p className="fr-text--lead">
          Bienvenue, {name}. Vous n'êtes membre d'aucun fabricant pour l'instant : inscrivez le vôtre, ou demandez au gestionnaire du programme de
          vous ajouter à ses membres.
        </p>
      ) : (
        <>
          <MonthlyLoad loads={loads} />
          {makers.map((maker) => (
            <MakerSection key={maker.id} maker={maker} catalogue={catalogue} regions={regions} answer={answer} />
          ))}
        </>
      )}
      <p className="fr-mt-6w">
        <Link className="fr-link fr-icon-add-line fr-link--icon-left" to="/fabricant/inscription">
          Inscrire {makers.length === 0 ? "un" : "un autre"} fabricant
        </Link>
      </p>
    </div>
  );
}
