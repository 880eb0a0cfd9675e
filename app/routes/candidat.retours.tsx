import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { KitFeedbackView } from "~/feedback/feedback-view";
import { feedbackForDesigner } from "~/feedback/feedback.server";
import { withDomainErrors } from "~/http/answers.server";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

// What the structures that use the designer's kits say of them, once the programme published it.

export const meta: MetaFunction = () => [{ title: pageTitle("Les retours sur mes kits", "Espace candidat") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "designer" });
  return { kits: await feedbackForDesigner(user.id) };
});

export default function DesignerFeedback() {
  const { kits } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Les retours sur mes kits"
      lead="Quelques semaines après la livraison, les structures disent comment elles utilisent vos kits. Voici leurs retours, relus et publiés par l'équipe du programme."
    >
      {kits.length === 0 ? (
        <p>
          Aucun de vos kits n'est au catalogue. <Link to="/candidat">Retour à l'espace candidat</Link>
        </p>
      ) : (
        kits.map((kit) => (
          <section key={kit.kitId} aria-labelledby={`kit-${kit.kitId}`} className="fr-mb-6w">
            <h2 id={`kit-${kit.kitId}`}>
              <Link to={`/catalogue/${kit.slug}`}>{kit.title}</Link>
            </h2>
            <KitFeedbackView feedback={kit.feedback} headingLevel="h3" />
          </section>
        ))
      )}
    </Page>
  );
}
