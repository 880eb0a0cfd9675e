import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { communeSearchSchema, registrationSchema } from "~/structures/schemas";
import { registerStructure } from "~/structures/structures.server";
import { findCommunes } from "~/territories/communes.server";
import { pageTitle } from "~/ui/page-title";
import { RegistrationForm } from "./registration-form";

export const meta: MetaFunction = () => [{ title: pageTitle("Inscrire une structure", "Espace structure") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request);
  return null;
});

// One form, two buttons: « Rechercher » lists the communes matching what was typed (the rest of
// the form kept, without JavaScript too), the other registers the structure. Enter in a field
// registers, unless no commune is chosen yet while one is typed: then it searches.
export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request);
  const search = await form.parse(communeSearchSchema);
  if (search.intent === "search" || (search.intent === "enter" && !search.commune && search.communeQuery)) {
    return { searched: search.communeQuery, communes: await findCommunes(search.communeQuery), ...form.typed() };
  }
  const registration = await form.parse(registrationSchema);
  await registerStructure({ ...registration, actorId: user.id, now: now() });
  return redirectWithNotice("/structure", "inscrite", { structure: registration.legalName });
});

export default function StructureRegistration() {
  const answer = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>Inscrire une structure</h1>
          <p className="fr-text--lead">
            Bibliothèque, mairie, centre social, association, France Services… Inscrivez votre structure pour commander des kits d'inclusion
            numérique. Son inscription est vérifiée avant toute commande.
          </p>
          <RegistrationForm answer={answer} />
        </div>
      </div>
    </div>
  );
}
