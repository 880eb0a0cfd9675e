import type { MetaFunction } from "@remix-run/node";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [
  { title: pageTitle("Déclaration d'accessibilité") },
  {
    name: "description",
    content: "État de conformité du portail Kits d'inclusion numérique au RGAA 4.1, contenus non accessibles et voies de recours.",
  },
];

// Update with each audit or significant change; the statement must stay dated.
const STATEMENT_DATE = "26 novembre 2026";

export default function AccessibilityStatement() {
  return (
    <Page title="Déclaration d'accessibilité">
      <p>
        L'Agence nationale de la cohésion des territoires s'engage à rendre ses sites internet, intranets, extranets et applications accessibles,
        conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>
        Cette déclaration d'accessibilité s'applique au portail <strong>Kits d'inclusion numérique</strong> : pages publiques, espaces des candidats,
        du jury, des structures de proximité, des fabricants et des gestionnaires du programme.
      </p>

      <h2>État de conformité</h2>
      <p>
        Le portail Kits d'inclusion numérique est <strong>partiellement conforme</strong> avec le référentiel général d'amélioration de
        l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        <strong>Aucun audit de conformité n'a encore été réalisé.</strong> Le taux de conformité aux critères du RGAA n'est donc pas connu à ce jour ;
        un audit complet par un prestataire indépendant est prévu, et ses résultats seront publiés sur cette page.
      </p>
      <p>
        L'état « partiellement conforme » indiqué ci-dessus est une estimation fondée sur nos vérifications internes, et non le résultat d'un audit :
        il sera confirmé ou corrigé par celui-ci.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités connues</h3>
      <ul>
        <li>
          La session de connexion prend fin après deux heures d'inactivité, et dans tous les cas douze heures après la connexion, sans que la personne
          puisse la prolonger avant son expiration (critère 13.1). Ce que vous avez saisi dans un formulaire n'est pas perdu : reconnectez-vous puis
          envoyez-le à nouveau.
        </li>
        <li>
          La restitution des parcours complets (dépôt d'une proposition, évaluation par le jury, commande d'un kit) n'a pas encore été vérifiée avec
          des lecteurs d'écran : des défauts peuvent subsister, notamment dans l'annonce des messages d'erreur des formulaires (critère 11.10).
        </li>
        <li>
          L'activation de la double authentification, obligatoire pour les gestionnaires et les membres du jury, demande une application
          d'authentification externe, dont l'accessibilité ne dépend pas du portail.
        </li>
      </ul>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <ul>
        <li>
          Les photos, plans et documents joints aux propositions par les candidats et aux fiches des kits par les fabricants : ce sont des contenus de
          tiers, qui ne sont ni financés ni développés par l'éditeur et ne sont pas sous son contrôle. Le portail demande néanmoins une description
          textuelle de chaque photo et recommande des documents aux formats accessibles.
        </li>
      </ul>

      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>Cette déclaration a été établie le {STATEMENT_DATE}.</p>
      <h3>Technologies utilisées pour la réalisation du portail</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript</li>
        <li>WAI-ARIA</li>
        <li>Système de design de l'État (DSFR)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>
        Les vérifications internes sont faites automatiquement, à chaque modification du portail, avec le navigateur Chromium (version courante, sous
        Linux) et la bibliothèque d'analyse axe-core. L'audit à venir utilisera les combinaisons de référence du RGAA, notamment NVDA avec Firefox,
        JAWS avec Firefox et VoiceOver avec Safari.
      </p>
      <h3>Outils pour évaluer l'accessibilité</h3>
      <ul>
        <li>axe-core (analyse automatique des pages dans le navigateur)</li>
      </ul>
      <h3>Pages du portail ayant fait l'objet de la vérification</h3>
      <ul>
        <li>Accueil</li>
        <li>Connexion</li>
        <li>Création de compte</li>
        <li>Mentions légales</li>
        <li>Déclaration d'accessibilité</li>
        <li>Données personnelles</li>
        <li>Page d'erreur « Page introuvable »</li>
      </ul>

      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service du portail, contactez-nous : nous vous orienterons vers une alternative
        accessible ou vous fournirons le contenu sous une autre forme.
      </p>
      <ul>
        <li>
          Par courriel : <a href="mailto:accessibilite@kits-inclusion.example.gouv.fr">accessibilite@kits-inclusion.example.gouv.fr</a>
        </li>
        <li>
          Par courrier : Agence nationale de la cohésion des territoires, Programme Société numérique — Kits d'inclusion numérique, 20 avenue de
          Ségur, TSA 10717, 75334 Paris Cedex 07
        </li>
      </ul>
      <p>Nous nous engageons à vous répondre dans un délai de quinze jours ouvrés.</p>

      <h2>Voies de recours</h2>
      <p>
        Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du portail un défaut d'accessibilité qui vous empêche
        d'accéder à un contenu ou à l'un des services, et vous n'avez pas obtenu de réponse satisfaisante.
      </p>
      <p>Vous pouvez :</p>
      <ul>
        <li>
          écrire un message au{" "}
          <a
            href="https://formulaire.defenseurdesdroits.fr/"
            target="_blank"
            rel="noopener noreferrer"
            title="Formulaire du Défenseur des droits — nouvelle fenêtre"
          >
            Défenseur des droits
          </a>{" "}
          ;
        </li>
        <li>
          contacter{" "}
          <a
            href="https://www.defenseurdesdroits.fr/carte-des-delegues"
            target="_blank"
            rel="noopener noreferrer"
            title="Carte des délégués du Défenseur des droits — nouvelle fenêtre"
          >
            le délégué du Défenseur des droits dans votre région
          </a>{" "}
          ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris Cedex 07.
        </li>
      </ul>
    </Page>
  );
}
