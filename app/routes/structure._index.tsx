import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace structure") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "structure" });
  return { name: user.name };
}

export default function StructureSpace() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <Page title="Espace structure" lead={`Bienvenue, ${name}. Votre structure de proximité peut commander des kits d'inclusion numérique.`}>
      <Notice kind="info" title="Cet espace ouvre bientôt">
        <p>Les fonctions ci-dessous arrivent prochainement ; vous serez prévenu par courriel.</p>
      </Notice>
      <h2>Ce que vous pourrez faire ici</h2>
      <ul>
        <li>enregistrer votre structure : SIRET, type de structure, commune ;</li>
        <li>commander des kits du catalogue dans la limite de la dotation de votre territoire ;</li>
        <li>suivre la fabrication et la livraison, confirmer la réception et donner votre avis sur l'usage des kits.</li>
      </ul>
    </Page>
  );
}
