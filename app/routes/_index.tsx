import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [{ title: pageTitle("Accueil") }];

export default function Home() {
  return (
    <div className="fr-container fr-my-6w">
      <h1>Kits d'inclusion numérique</h1>
      <p className="fr-text--lead">
        Environ 13 millions de personnes en France restent éloignées du numérique. Dans le cadre du plan France Relance, l'État consacre 40 millions
        d'euros à des kits prêts à l'emploi qui les aident à maîtriser les usages du quotidien : réseaux sociaux, protection des données personnelles,
        achats en ligne, consultation médicale à distance, télétravail, vérification de l'information, démarches administratives en ligne.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">1. Un concours d'innovation</h2>
          <p>Des concepteurs proposent des kits ; un jury les évalue sur des critères publics et désigne les lauréats.</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">2. Une fabrication distribuée</h2>
          <p>Les plans des kits lauréats sont ouverts ; des fablabs et tiers-lieux proches des territoires les fabriquent.</p>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h2 className="fr-h4">3. Des kits pour les structures de proximité</h2>
          <p>
            Médiathèques, mairies, centres sociaux, associations, tiers-lieux et espaces France Services commandent les kits, financés par l'enveloppe
            répartie entre les territoires.
          </p>
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/concours">
            Découvrir le concours
          </Link>
        </li>
        <li>
          <Link className="fr-btn" to="/inscription">
            Créer un compte
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/connexion">
            Se connecter
          </Link>
        </li>
      </ul>
    </div>
  );
}
