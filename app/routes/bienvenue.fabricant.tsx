import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { BackLink } from "~/ui/back-link";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

const title = "Fabriquer des kits";

export const meta: MetaFunction = () => [{ title: pageTitle(title) }];

export default function MakerWelcome() {
  return (
    <Page title={title} lead="Les kits lauréats du concours sont fabriqués au plus près des structures qui les commandent.">
      <p>
        Fablab, tiers-lieu, entreprise ou lauréat du concours : inscrivez-vous avec votre SIRET, puis choisissez les kits du{" "}
        <Link to="/catalogue">catalogue</Link> que vous voulez fabriquer. L'équipe du programme examine chaque demande.
      </p>
      <h2>Ce que vous pourrez faire</h2>
      <ul>
        <li>déclarer les départements que vous livrez et votre capacité de fabrication mensuelle, et la mettre en pause ;</li>
        <li>accepter les commandes des structures de ces départements ;</li>
        <li>enregistrer la production et l'expédition de chaque commande.</li>
      </ul>
      <p>
        <Link className="fr-btn" to="/fabricant/inscription">
          Inscrire un fabricant
        </Link>
      </p>
      <BackLink to="/bienvenue" className="fr-mt-4w">
        Revenir au choix de votre démarche
      </BackLink>
    </Page>
  );
}
