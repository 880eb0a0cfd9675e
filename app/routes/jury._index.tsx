import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";

export const meta: MetaFunction = () => [{ title: "Espace du jury — Kits d'inclusion numérique" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "juror" });
  return { name: user.name };
}

export default function JurySpace() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <Page title="Espace du jury" lead={`Bienvenue, ${name}. Vous êtes membre du jury du concours d'innovation.`}>
      <Notice kind="info" title="Cet espace ouvre bientôt">
        <p>Les fonctions ci-dessous arrivent prochainement ; vous serez prévenu par courriel.</p>
      </Notice>
      <h2>Ce que vous pourrez faire ici</h2>
      <ul>
          <li>déclarer vos éventuels conflits d'intérêts avec les candidats ;</li>
          <li>évaluer les propositions anonymisées qui vous sont attribuées, selon les critères pondérés du concours ;</li>
          <li>commenter chaque proposition, et modifier vos évaluations jusqu'à la fin de la phase d'examen.</li>
      </ul>
    </Page>
  );
}
