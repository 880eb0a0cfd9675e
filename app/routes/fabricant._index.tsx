import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace fabricant") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "maker" });
  return { name: user.name };
}

export default function MakerSpace() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <Page title="Espace fabricant" lead={`Bienvenue, ${name}. Vous fabriquez des kits lauréats pour les structures de votre territoire.`}>
      <Notice kind="info" title="Cet espace ouvre bientôt">
        <p>Les fonctions ci-dessous arrivent prochainement ; vous serez prévenu par courriel.</p>
      </Notice>
      <h2>Ce que vous pourrez faire ici</h2>
      <ul>
        <li>déclarer les départements que vous couvrez et votre capacité de fabrication ;</li>
        <li>accepter les commandes des structures ;</li>
        <li>enregistrer la production et l'expédition de chaque commande (transporteur, numéro de suivi).</li>
      </ul>
    </Page>
  );
}
