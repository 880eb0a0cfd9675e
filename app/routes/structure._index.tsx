import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { ComingSoonPage } from "~/ui/coming-soon";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Espace structure") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "structure" });
  return { name: user.name };
}

export default function StructureSpace() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <ComingSoonPage
      title="Espace structure"
      lead={`Bienvenue, ${name}. Votre structure de proximité peut commander des kits d'inclusion numérique.`}
      plans={[
        "enregistrer votre structure : SIRET, type de structure, commune ;",
        "commander des kits du catalogue dans la limite de la dotation de votre territoire ;",
        "suivre la fabrication et la livraison, confirmer la réception et donner votre avis sur l'usage des kits.",
      ]}
    />
  );
}
