import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { registerMaker } from "~/makers/makers.server";
import { makerRegistrationSchema } from "~/makers/schemas";
import { communeSearchSchema } from "~/structures/schemas";
import { findCommunes } from "~/territories/communes.server";
import { NarrowPage } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";
import { communeChoice } from "./commune-choice";
import { MakerRegistrationForm } from "./registration-form";

export const meta: MetaFunction = () => [{ title: pageTitle("Inscrire un fabricant", "Espace fabricant") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request);
  return null;
});

// One form, two buttons: « Rechercher » lists the communes matching what was typed (the rest of
// the form kept), the other registers the maker. Enter in a field registers, unless no commune is
// chosen yet while one is typed: then it searches.
export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request);
  const search = await form.parse(communeSearchSchema);
  if (search.intent === "search" || (search.intent === "enter" && !search.commune && search.communeQuery)) {
    return { searched: search.communeQuery, communes: (await findCommunes(search.communeQuery)).map(communeChoice), ...form.typed() };
  }
  const registration = await form.parse(makerRegistrationSchema);
  await registerMaker({ ...registration, actorId: user.id, now: now() });
  return redirectWithNotice("/fabricant", "inscrit", { fabricant: registration.name });
});

export default function MakerRegistration() {
  return (
    <NarrowPage
      title="Inscrire un fabricant"
      lead="Fablab, tiers-lieu, entreprise ou lauréat du concours : inscrivez-vous pour fabriquer les kits du catalogue au plus près des structures qui les commandent."
    >
      <MakerRegistrationForm answer={useActionData<typeof action>()} />
    </NarrowPage>
  );
}
