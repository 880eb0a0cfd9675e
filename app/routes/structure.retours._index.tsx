import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { listFeedbackOfMember } from "~/feedback/feedback.server";
import { withDomainErrors } from "~/http/answers.server";
import { formatParis } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

// The questionnaires sent to the person's structures: the e-mail's link, found again.

export const meta: MetaFunction = () => [{ title: pageTitle("Vos retours sur les kits reçus", "Espace structure") }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request, { role: "structure" });
  return { questionnaires: await listFeedbackOfMember(user.id) };
});

export default function StructureFeedbackList() {
  const { questionnaires } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Vos retours sur les kits reçus"
      lead="Quelques semaines après chaque livraison, le programme vous demande comment le kit sert. Une réponse par kit et par commande."
    >
      {questionnaires.length === 0 ? (
        <p>Aucun questionnaire pour l'instant : il vous sera envoyé par courriel quelques semaines après la livraison d'un kit.</p>
      ) : (
        <DataTable
          caption="Questionnaires de retour sur les kits reçus"
          hideCaption
          headers={["Kit", "Structure", "Envoyé le", "Réponse"]}
          rowHeaders
          rows={questionnaires.map((item) => ({
            key: item.id,
            cells: [
              <Link key="kit" to={`/structure/retours/${item.id}`}>
                {item.kitTitle}
              </Link>,
              item.structureName,
              formatParis(new Date(item.askedAt)),
              item.answeredAt ? `Donnée le ${formatParis(new Date(item.answeredAt))}` : "À donner",
            ],
          }))}
        />
      )}
    </Page>
  );
}
