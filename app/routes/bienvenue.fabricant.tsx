import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { BackLink } from "~/ui/back-link";
import { Notice } from "~/ui/form";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

// Makers register with the catalogue (the next part of the distribution): until then this page
// says so plainly rather than offering a form that would lead nowhere.

const title = "Fabriquer des kits";

export const meta: MetaFunction = () => [{ title: pageTitle(title) }];

export default function MakerWelcome() {
  return (
    <Page title={title} lead="Les kits lauréats du concours seront fabriqués au plus près des structures qui les commandent.">
      <Notice kind="info" title="L'inscription des fabricants ouvrira avec le catalogue">
        <p>
          Les fabricants pourront s'inscrire sur ce portail lorsque le catalogue des kits lauréats sera publié. Aucune inscription n'est possible pour
          l'instant.
        </p>
      </Notice>
      <h2>Ce que vous pourrez faire</h2>
      <ul>
        <li>déclarer les départements que vous couvrez et votre capacité de fabrication mensuelle ;</li>
        <li>accepter les commandes des structures de ces départements ;</li>
        <li>enregistrer la production et l'expédition de chaque commande.</li>
      </ul>
      <p>
        En attendant, découvrez <Link to="/laureats">les kits lauréats</Link>.
      </p>
      <BackLink to="/bienvenue" className="fr-mt-4w">
        Revenir au choix de votre démarche
      </BackLink>
    </Page>
  );
}
