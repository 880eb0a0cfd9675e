import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { now } from "~/infra/clock.server";
import { inviteMember, revokeInvitation } from "~/structures/members.server";
import { invitationSchema, revocationSchema } from "~/structures/schemas";
import { structureEligibility } from "~/eligibility/rules.server";
import { structureSpace } from "~/structures/space.server";
import { SuccessNotice } from "~/ui/notices";
import { pageTitle } from "~/ui/page-title";
import { StructureSection } from "./structure-section";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace structure") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  const structures = await structureSpace({ userId: user.id, now: now() });
  // Each structure's standing in the current campaign, said on its section.
  const eligibility = await Promise.all(structures.map((space) => structureEligibility(space.structure.id)));
  return { name: user.name, structures: structures.map((space, i) => ({ ...space, eligibility: eligibility[i] })) };
});

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const user = await requireUser(request, { role: "structure" });
  if ((await form.intent()) === "revoke") {
    const input = await form.parse(revocationSchema);
    await revokeInvitation({ structureId: input.structureId, invitationId: input.invitationId, memberId: user.id, now: now() });
    return redirectWithNotice(`/structure#membres-${input.structureId}`, "invitation-retiree");
  }
  const input = await form.parse(invitationSchema);
  await inviteMember({ structureId: input.structureId, memberId: user.id, email: input.email, now: now() });
  return redirectWithNotice(`/structure#membres-${input.structureId}`, "invitation-envoyee", { adresse: input.email });
});

export default function StructureSpacePage() {
  const { name, structures } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Espace structure</h1>
      <SuccessNotice
        notices={{
          inscrite: (figures) => `La structure « ${figures.get("structure")} » est inscrite. Sa vérification va commencer.`,
          rejointe: (figures) => `Vous êtes désormais membre de la structure « ${figures.get("structure")} ».`,
          "invitation-envoyee": (figures) => `L'invitation est envoyée à ${figures.get("adresse")}.`,
          "invitation-retiree": "L'invitation est retirée : son lien ne fonctionne plus.",
          "piece-recue": "Pièce justificative reçue : elle est en cours de vérification, quelques secondes.",
          "piece-retiree": "La pièce justificative est retirée.",
        }}
      />
      {structures.length === 0 ? (
        <>
          <p className="fr-text--lead">Bienvenue, {name}. Vous n'êtes membre d'aucune structure pour l'instant.</p>
          <p>
            Inscrivez votre structure pour commander des kits d'inclusion numérique. Si elle est déjà inscrite, demandez à l'une des personnes qui en
            sont membres de vous inviter : vous recevrez un lien par courriel.
          </p>
        </>
      ) : (
        structures.map((space) => <StructureSection key={space.structure.id} space={space} answer={answer} />)
      )}
      <p className="fr-mt-6w">
        <Link className="fr-link fr-icon-add-line fr-link--icon-left" to="/structure/inscription">
          Inscrire {structures.length === 0 ? "une" : "une autre"} structure
        </Link>
      </p>
    </div>
  );
}
