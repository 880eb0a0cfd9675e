import type { MetaFunction } from "@remix-run/node";
import { Fragment } from "react";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [
  { title: pageTitle("Déclaration d'accessibilité") },
  {
    name: "description",
    content:
      "État de conformité du portail Kits d'inclusion numérique au RGAA 4.1 d'après un audit interne, contenus non accessibles et voies de recours.",
  },
];

// Update with each audit or significant change; the statement must stay dated. The grid behind
// these figures: docs/accessibility-audit-2026-12.md.
const AUDIT_DATE = "1er décembre 2026";
const RGAA_CRITERIA = 106;
const AUDIT = { applicable: 64, conforming: 62 };
const rate = Math.round((AUDIT.conforming / AUDIT.applicable) * 100);

/** The pages of the audit's sample, by space (the RGAA's sample rules). */
const sample: [space: string, pages: string[]][] = [
  [
    "Pages publiques",
    [
      "Accueil",
      "Le concours",
      "Les kits lauréats",
      "Mentions légales (éditeur et contact)",
      "Déclaration d'accessibilité",
      "Données personnelles",
      "Plan du site",
      "Connexion",
      "Création de compte",
      "Mot de passe oublié",
      "Page d'erreur « Page introuvable »",
    ],
  ],
  [
    "Espace candidat",
    ["Mes propositions", "Une proposition (formulaire, photos et documents)", "Son récépissé", "Mon compte", "Changer de mot de passe"],
  ],
  ["Espace du jury", ["Mes entrées", "Une entrée (grille d'évaluation, photos, documents à télécharger)", "Mes liens d'intérêts"]],
  ["Espace des fabricants", ["Sa page d'accueil, qui annonce l'ouverture prochaine de l'espace"]],
  [
    "Espace des gestionnaires",
    [
      "Administration",
      "Utilisateurs",
      "Concours",
      "Créer un concours",
      "Enveloppe",
      "Territoires",
      "Journal d'audit",
      "Courriels",
      "Pour chacun des trois concours de démonstration : sa page, ses propositions (avec l'export CSV), son jury et sa délibération",
      "Une proposition, côté gestionnaire",
    ],
  ],
];

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
        L'audit de conformité réalisé le {AUDIT_DATE} révèle que <strong>{rate} % des critères du RGAA version 4.1 sont respectés</strong>
        {` (${AUDIT.conforming} critères conformes sur ${AUDIT.applicable} critères applicables ; les ${RGAA_CRITERIA - AUDIT.applicable} autres ne s'appliquent pas aux pages vérifiées).`}
      </p>
      <p>
        Il s'agit d'un <strong>audit interne</strong>, réalisé par l'équipe qui développe le portail, et non par un prestataire indépendant. Ses
        limites : les pages n'ont pas été vérifiées avec un lecteur d'écran (la restitution a été jugée d'après l'arbre d'accessibilité du navigateur
        et le code), et le code HTML n'a pas été passé au validateur ; le critère correspondant (8.2) est donc compté comme non conforme.
      </p>

      <p>
        Pages mises en ligne après cet audit et qui ne figurent pas encore dans son échantillon : la distribution (« La distribution », « Le catalogue
        » et la fiche d'un kit), l'espace des structures de proximité (inscription, vérification, membres, pièces justificatives), l'espace des
        instructeurs départementaux et les pages de gestion correspondantes (structures, éligibilité, catalogue, enveloppe d'un département). Des
        tests automatiques les vérifient avec axe-core et au clavier à chaque modification ; elles seront dans l'échantillon du prochain audit.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <ul>
        <li>
          La session de connexion prend fin après deux heures sans activité, et dans tous les cas douze heures après la connexion, sans avertissement
          ni moyen de la prolonger : un formulaire envoyé après cette fin mène à la page de connexion, et le portail ne garde pas ce qu'il contenait
          (critère 13.1). Enregistrez régulièrement vos brouillons. Un avertissement avant la fin de la session, avec la possibilité de la prolonger,
          est prévu.
        </li>
        <li>
          La validité du code HTML n'a pas été vérifiée (critère 8.2) : aucune erreur n'est connue, mais le prochain audit passera les pages au
          validateur.
        </li>
      </ul>
      <p>
        À savoir : l'activation de la double authentification, obligatoire pour les gestionnaires et les membres du jury, demande une application
        d'authentification externe, dont l'accessibilité ne dépend pas du portail.
      </p>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l'obligation d'accessibilité</h3>
      <ul>
        <li>
          Les photos, plans et documents joints aux propositions par les candidats : ce sont des contenus de tiers, qui ne sont ni financés ni
          développés par l'éditeur et ne sont pas sous son contrôle. Le portail demande néanmoins au candidat de décrire chaque photo avant de déposer
          sa proposition, et cette description sert d'alternative textuelle à la photo partout où elle est montrée.
        </li>
      </ul>

      <h2>Établissement de cette déclaration d'accessibilité</h2>
      <p>Cette déclaration a été établie le {AUDIT_DATE}, d'après l'audit interne de la même date.</p>
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
        Le navigateur Chromium (version 156, sous Linux), piloté par des scripts et au clavier. Aucune technologie d'assistance n'a été utilisée lors
        de cet audit ; le prochain utilisera les combinaisons de référence du RGAA, notamment NVDA avec Firefox et VoiceOver avec Safari.
      </p>
      <h3>Outils pour évaluer l'accessibilité</h3>
      <ul>
        <li>axe-core 4.14 (analyse automatique de chaque page)</li>
        <li>
          Scripts de vérification : parcours complet au clavier, affichage sur 320 pixels de large, espacement du texte, titres, alternatives, champs
          de formulaire, régions annoncées
        </li>
        <li>Vérification manuelle des critères que ces outils ne peuvent trancher</li>
      </ul>
      <h3>Pages du portail ayant fait l'objet de la vérification</h3>
      {sample.map(([space, pages]) => (
        <Fragment key={space}>
          <h4>{space}</h4>
          <ul>
            {pages.map((page) => (
              <li key={page}>{page}</li>
            ))}
          </ul>
        </Fragment>
      ))}

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
            title="le délégué du Défenseur des droits dans votre région — nouvelle fenêtre"
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
