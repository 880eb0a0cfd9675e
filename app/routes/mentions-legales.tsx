import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [
  { title: pageTitle("Mentions légales") },
  { name: "description", content: "Éditeur, directeur de la publication, hébergement et licence du portail Kits d'inclusion numérique." },
];

export default function LegalNotice() {
  return (
    <Page title="Mentions légales" lead="Informations sur l'éditeur du portail, son hébergement et la réutilisation de ses contenus.">
      <h2>Éditeur</h2>
      <p>
        Le portail <strong>Kits d'inclusion numérique</strong> est édité par l'Agence nationale de la cohésion des territoires (ANCT), Programme
        Société numérique, pour le compte de l'État, dans le cadre du plan France Relance.
      </p>
      <address className="fr-mb-3w">
        Agence nationale de la cohésion des territoires
        <br />
        Programme Société numérique
        <br />
        20, avenue de Ségur
        <br />
        TSA 10717
        <br />
        75334 Paris Cedex 07
      </address>
      <p>
        Pour toute question sur le portail ou sur le programme :{" "}
        <a href="mailto:contact@kits-inclusion.example.gouv.fr">contact@kits-inclusion.example.gouv.fr</a>.
      </p>

      <h2>Directeur de la publication</h2>
      <p>Le directeur général de l'Agence nationale de la cohésion des territoires.</p>

      <h2>Hébergement</h2>
      <p>
        Le portail et ses données sont hébergés en France, dans l'Union européenne, par OVH SAS, 2 rue Kellermann, 59100 Roubaix, France. Les fichiers
        déposés sur le portail (photos, plans, documents) et la base de données restent dans des centres de données situés en France.
      </p>

      <h2>Propriété intellectuelle et licence</h2>
      <p>
        Sauf mention contraire, les textes, données et documents publiés par l'éditeur sur ce portail sont placés sous la{" "}
        <a
          href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
          target="_blank"
          rel="noopener noreferrer"
          title="Licence Ouverte / Open Licence version 2.0 — nouvelle fenêtre"
        >
          Licence Ouverte / Open Licence version 2.0
        </a>{" "}
        (etalab-2.0). Vous pouvez les reproduire, les modifier et les réutiliser librement, y compris à des fins commerciales, à condition de
        mentionner leur source (« Kits d'inclusion numérique — ANCT ») et la date de leur dernière mise à jour.
      </p>
      <p>
        Les propositions de kits restent la propriété de leurs auteurs. Le règlement du concours prévoit que les lauréats publient les plans de leur
        kit sous une licence ouverte, afin que des fablabs et des tiers-lieux puissent les fabriquer près des structures qui les commandent : la
        licence propre à chaque kit est indiquée sur sa fiche.
      </p>
      <p>
        Le logo de la République française (bloc-marque) et les éléments du Système de design de l'État (DSFR) sont réservés aux services de l'État et
        ne peuvent pas être réutilisés hors de ce cadre.
      </p>
      <p>
        Le code source du portail est un logiciel libre ; il est publié sous licence ouverte afin que d'autres administrations puissent le réutiliser.
      </p>

      <h2>Liens vers le portail et liens sortants</h2>
      <p>
        Tout site public ou privé peut créer un lien vers les pages de ce portail sans autorisation préalable, à condition que ces pages ne soient pas
        intégrées à l'intérieur d'un autre site (cadre, iframe). Les liens vers d'autres sites sont proposés à titre d'information : l'éditeur n'est
        pas responsable de leur contenu.
      </p>

      <h2>Sécurité</h2>
      <p>
        Le portail applique les recommandations de l'Agence nationale de la sécurité des systèmes d'information (ANSSI) : connexion chiffrée, mots de
        passe conservés sous forme d'empreinte (argon2id), double authentification obligatoire pour les gestionnaires et les membres du jury, journal
        d'audit infalsifiable des actions sensibles. Pour signaler une vulnérabilité :{" "}
        <a href="mailto:securite@kits-inclusion.example.gouv.fr">securite@kits-inclusion.example.gouv.fr</a>.
      </p>

      <h2>Accessibilité et données personnelles</h2>
      <p>
        Le niveau d'accessibilité du portail est décrit dans la <Link to="/accessibilite">déclaration d'accessibilité</Link>. L'usage de vos données
        et de l'unique cookie du portail est décrit dans la page <Link to="/donnees-personnelles">Données personnelles</Link>.
      </p>
    </Page>
  );
}
