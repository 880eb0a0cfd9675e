import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Page } from "~/ui/layout";
import { pageTitle } from "~/ui/page-title";

export const meta: MetaFunction = () => [
  { title: pageTitle("Plan du site") },
  { name: "description", content: "Toutes les pages du portail Kits d'inclusion numérique, publiques et par espace." },
];

type Entry = { to: string; label: string; children?: Entry[] };

// The portal's second way to find a page, besides the menu (RGAA 12.1): every public page, and
// each space's main pages (they ask to sign in with the right role).
const sections: { title: string; note?: string; entries: Entry[] }[] = [
  {
    title: "Pages publiques",
    entries: [
      { to: "/", label: "Accueil" },
      { to: "/concours", label: "Le concours d'innovation" },
      { to: "/laureats", label: "Les kits lauréats" },
      { to: "/donnees", label: "Les données du programme" },
      { to: "/donnees/telechargements", label: "Télécharger les données ouvertes" },
      { to: "/connexion", label: "Se connecter" },
      { to: "/inscription", label: "Créer un compte" },
      { to: "/mot-de-passe-oublie", label: "Mot de passe oublié" },
      { to: "/mentions-legales", label: "Mentions légales" },
      { to: "/accessibilite", label: "Déclaration d'accessibilité" },
      { to: "/donnees-personnelles", label: "Données personnelles" },
    ],
  },
  {
    title: "Espaces personnels",
    note: "Ces pages demandent de se connecter, avec un compte qui a le rôle correspondant.",
    entries: [
      {
        to: "/compte",
        label: "Mon compte",
        children: [
          { to: "/compte/mot-de-passe", label: "Changer de mot de passe" },
          { to: "/compte/double-authentification", label: "Double authentification" },
        ],
      },
      {
        to: "/candidat",
        label: "Espace candidat : mes propositions",
        children: [
          { to: "/candidat/fabricants", label: "Les fabricants de mes kits" },
          { to: "/candidat/retours", label: "Les retours sur mes kits" },
        ],
      },
      { to: "/jury", label: "Espace du jury : mes entrées", children: [{ to: "/jury/liens", label: "Mes liens d'intérêts" }] },
      {
        to: "/structure",
        label: "Espace structure de proximité",
        children: [{ to: "/structure/retours", label: "Vos retours sur les kits reçus" }],
      },
      { to: "/fabricant", label: "Espace fabricant" },
      {
        to: "/admin",
        label: "Administration",
        children: [
          { to: "/admin/utilisateurs", label: "Utilisateurs" },
          { to: "/admin/concours", label: "Concours" },
          { to: "/admin/territoires", label: "Territoires" },
          { to: "/admin/enveloppe", label: "Enveloppe" },
          { to: "/admin/courriels", label: "Courriels" },
          { to: "/admin/journal", label: "Journal d'audit" },
        ],
      },
    ],
  },
];

function Entries({ entries }: { entries: Entry[] }) {
  return (
    <ul>
      {entries.map((entry) => (
        <li key={entry.to}>
          <Link to={entry.to}>{entry.label}</Link>
          {entry.children ? <Entries entries={entry.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function SiteMap() {
  return (
    <Page title="Plan du site">
      {sections.map((section) => (
        <section key={section.title} aria-labelledby={`plan-${section.title}`}>
          <h2 id={`plan-${section.title}`}>{section.title}</h2>
          {section.note ? <p>{section.note}</p> : null}
          <Entries entries={section.entries} />
        </section>
      ))}
    </Page>
  );
}
