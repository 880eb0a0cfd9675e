import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

// Where a person without a role lands after login (app/accounts/landing.ts). Nothing is recorded
// here: each way leads to the step that grants its role (a first proposal, a registered structure).

const title = "Que venez-vous faire sur le portail ?";

export const meta: MetaFunction = () => [{ title: pageTitle(title) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name };
}

const purposes = [
  {
    to: "/candidat",
    title: "Proposer un kit au concours",
    description:
      "Vous concevez un kit d'inclusion numérique : déposez-le au concours d'innovation. Votre espace candidat s'ouvre avec votre première proposition.",
  },
  {
    to: "/structure/inscription",
    title: "Commander des kits pour une structure",
    description:
      "Bibliothèque, mairie, CCAS, EHPAD, association, centre social, tiers-lieu, France Services : enregistrez votre structure avec son SIRET pour commander des kits.",
  },
  {
    to: "/bienvenue/fabricant",
    title: "Fabriquer des kits",
    description: "Fablab, tiers-lieu, entreprise ou lauréat du concours : fabriquez les kits lauréats pour les structures de votre territoire.",
  },
];

export default function Welcome() {
  const { name } = useLoaderData<typeof loader>();
  return (
    <Page title={title} lead={`Bienvenue, ${name}. Choisissez ce qui vous amène : votre espace suivra ce que vous y ferez.`}>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {purposes.map((purpose) => (
          <li className="fr-col-12 fr-col-md-4" key={purpose.to}>
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h2 className="fr-tile__title">
                    <Link to={purpose.to}>{purpose.title}</Link>
                  </h2>
                  <p className="fr-tile__desc">{purpose.description}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
