import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";
import { DataTable } from "~/ui/data-table";

export const meta: MetaFunction = () => [
  { title: pageTitle("Données personnelles") },
  { name: "description", content: "Comment le portail Kits d'inclusion numérique traite vos données personnelles, et l'unique cookie qu'il dépose." },
];

const retention: [string, string][] = [
  [
    "Session de connexion (cookie et enregistrement côté serveur)",
    "2 heures sans activité, 12 heures au plus après la connexion ; supprimée dès la déconnexion",
  ],
  ["Tentatives de connexion échouées (compte visé, adresse IP)", "24 heures"],
  ["Compte (nom, adresse électronique, rôles)", "jusqu'à la clôture du programme, puis 2 ans ; ou jusqu'à la suppression du compte à votre demande"],
  ["Propositions de kits, évaluations et délibérations du jury", "5 ans après la publication des résultats du concours"],
  ["Commandes, livraisons et attestations de service fait", "10 ans, durée de conservation des pièces justificatives de la dépense publique"],
  ["Journal d'audit des actions sensibles (connexions, changements de rôles et de comptes)", "5 ans après la clôture du programme"],
  ["Courriels envoyés par le portail (boîte d'envoi)", "1 an après leur envoi"],
];

export default function PersonalData() {
  return (
    <Page title="Données personnelles" lead="Ce que le portail fait de vos données, pourquoi, pour combien de temps, et comment exercer vos droits.">
      <h2>Responsable de traitement</h2>
      <p>
        Le responsable des traitements de données personnelles du portail Kits d'inclusion numérique est l'Agence nationale de la cohésion des
        territoires (ANCT), Programme Société numérique, 20 avenue de Ségur, TSA 10717, 75334 Paris Cedex 07, représentée par son directeur général.
      </p>

      <h2>Finalités</h2>
      <p>Le portail traite des données personnelles pour :</p>
      <ul>
        <li>créer et sécuriser votre compte, vous connecter et vous déconnecter ;</li>
        <li>
          organiser le concours d'innovation : dépôt des propositions, examen de leur recevabilité, évaluation anonymisée par le jury, délibération et
          publication des lauréats ;
        </li>
        <li>
          distribuer les kits : inscription et vérification des structures de proximité, commandes, fabrication par les fabricants, livraison et
          attestation de réception ;
        </li>
        <li>suivre l'emploi de l'enveloppe publique de 40 millions d'euros et publier des données ouvertes anonymes ;</li>
        <li>vous envoyer les courriels nécessaires au service (confirmation d'adresse, mot de passe oublié, suivi) ;</li>
        <li>assurer la sécurité du portail : limitation des tentatives de connexion, journal d'audit des actions sensibles.</li>
      </ul>

      <h2>Bases légales</h2>
      <ul>
        <li>
          L'exécution d'une mission d'intérêt public dont est investie l'ANCT (article 6, paragraphe 1, point e du règlement général sur la protection
          des données, RGPD) : programme d'inclusion numérique du plan France Relance.
        </li>
        <li>
          Le respect d'obligations légales (article 6, paragraphe 1, point c du RGPD) pour la conservation des pièces justificatives de la dépense
          publique et la sécurité du système d'information.
        </li>
      </ul>

      <h2>Données traitées</h2>
      <ul>
        <li>
          <strong>Pour toute personne ayant un compte</strong> : nom, adresse électronique, empreinte du mot de passe (le mot de passe lui-même n'est
          jamais conservé), rôles, et pour les gestionnaires et membres du jury la clé de double authentification.
        </li>
        <li>
          <strong>Candidats</strong> : contenu de leurs propositions et fichiers joints, reçus de dépôt.
        </li>
        <li>
          <strong>Membres du jury</strong> : déclarations de conflits d'intérêts, notes et commentaires.
        </li>
        <li>
          <strong>Structures de proximité et fabricants</strong> : coordonnées des personnes qui les représentent, adresses de livraison, commandes et
          suivi.
        </li>
        <li>
          <strong>Données techniques</strong> : adresse IP et navigateur associés à une session, tentatives de connexion échouées, entrées du journal
          d'audit.
        </li>
      </ul>

      <h2>Durées de conservation</h2>
      <DataTable
        caption="Durée de conservation par catégorie de données"
        headers={["Données", "Durée de conservation"]}
        multiline={false}
        rows={retention.map(([what, howLong]) => ({ key: what, cells: [what, howLong] }))}
      />

      <h2>Destinataires</h2>
      <ul>
        <li>Les agents habilités de l'ANCT qui gèrent le programme (gestionnaires du programme).</li>
        <li>Les membres du jury, pour les seules propositions qui leur sont attribuées, sans l'identité des candidats.</li>
        <li>Les fabricants, pour les commandes qu'ils acceptent : nom de la structure, adresse de livraison et personne à contacter.</li>
        <li>
          Les sous-traitants techniques de l'ANCT, dans la limite de leurs missions : l'hébergeur du portail et, le cas échéant, le prestataire
          d'envoi des courriels. Aucune donnée n'est transférée hors de l'Union européenne.
        </li>
      </ul>
      <p>
        La liste des lauréats et les données agrégées sur les commandes sont publiées en données ouvertes ; elles ne contiennent aucune donnée
        personnelle autre que le nom des lauréats, qui en sont informés par le règlement du concours.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation et d'opposition sur les données qui vous concernent, dans les
        conditions prévues par le RGPD et la loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers et aux libertés. Vous pouvez aussi
        définir des directives sur le sort de vos données après votre décès.
      </p>
      <p>
        Pour exercer ces droits, écrivez au délégué à la protection des données de l'ANCT :{" "}
        <a href="mailto:dpd@kits-inclusion.example.gouv.fr">dpd@kits-inclusion.example.gouv.fr</a>, ou par courrier à l'adresse ci-dessus. Une réponse
        vous sera apportée dans un délai d'un mois.
      </p>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
        nationale de l'informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, ou en ligne sur{" "}
        <a
          href="https://www.cnil.fr/fr/plaintes"
          target="_blank"
          rel="noopener noreferrer"
          title="cnil.fr : adresser une plainte à la CNIL — nouvelle fenêtre"
        >
          cnil.fr
        </a>
        .
      </p>

      <h2>Cookies</h2>
      <p>
        Le portail dépose <strong>un seul cookie</strong>, strictement nécessaire à son fonctionnement : le cookie de session (
        <code>kits_session</code>, ou <code>__Host-kits_session</code> sur une connexion sécurisée). Il n'est créé que lorsque vous vous connectez,
        contient seulement un identifiant aléatoire, n'est lisible par aucun script et n'est jamais envoyé à un autre site. Il disparaît à la
        déconnexion et expire au plus tard 12 heures après la connexion.
      </p>
      <p>
        Le portail n'utilise ni outil de mesure d'audience, ni publicité, ni contenu tiers qui déposerait ses propres cookies. Un cookie strictement
        nécessaire étant dispensé de consentement (article 82 de la loi Informatique et Libertés), aucun bandeau ne vous demande d'accepter des
        cookies.
      </p>

      <h2>Sécurité</h2>
      <p>
        Les données sont hébergées en France. Les échanges sont chiffrés, les mots de passe et les identifiants de session ne sont conservés que sous
        forme d'empreinte, et chaque action sensible est inscrite dans un journal d'audit chaîné qui rend toute modification détectable. Voir aussi
        les <Link to="/mentions-legales">mentions légales</Link>.
      </p>
    </Page>
  );
}
