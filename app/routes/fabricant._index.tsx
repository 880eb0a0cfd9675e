import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { ComingSoonPage } from "~/ui/coming-soon";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace fabricant") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "maker" });
  return { name: user.name };
}

export default function MakerSpace() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <ComingSoonPage
      title="Espace fabricant"
      lead={`Bienvenue, ${name}. Vous fabriquez des kits lauréats pour les structures de votre territoire.`}
      plans={[
        "déclarer les départements que vous couvrez et votre capacité de fabrication ;",
        "accepter les commandes des structures ;",
        "enregistrer la production et l'expédition de chaque commande (transporteur, numéro de suivi).",
      ]}
    />
  );
}
