import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLocation } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";

// The admin space's frame: a side menu and the page. Each child route checks the role itself too,
// since Remix runs a child's loader and action even when this one refuses.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return null;
}

const sections = [
  { to: "/admin", label: "Tableau de bord", end: true },
  { to: "/admin/utilisateurs", label: "Utilisateurs", end: false },
  { to: "/admin/concours", label: "Concours", end: false },
  { to: "/admin/structures", label: "Structures", end: false },
  { to: "/admin/exports", label: "Exports", end: false },
  { to: "/admin/territoires", label: "Territoires", end: false },
  { to: "/admin/enveloppe", label: "Enveloppe", end: false },
  { to: "/admin/eligibilite", label: "Éligibilité", end: false },
  { to: "/admin/catalogue", label: "Catalogue", end: false },
  { to: "/admin/fabricants", label: "Fabricants", end: false },
  { to: "/admin/commandes", label: "Commandes", end: false },
  { to: "/admin/tableau-de-bord", label: "Suivi de la distribution", end: false },
  { to: "/admin/routage", label: "Routage", end: false },
  { to: "/admin/retours", label: "Retours d'usage", end: false },
  { to: "/admin/courriels", label: "Courriels", end: false },
  { to: "/admin/journal", label: "Journal d'audit", end: false },
];

export default function AdminLayout() {
  const { pathname } = useLocation();
  const isActive = (to: string, end: boolean) => (end ? pathname === to || pathname === `${to}/` : pathname.startsWith(to));
  return (
    <div className="fr-container fr-my-6w">
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <nav className="fr-sidemenu" role="navigation" aria-labelledby="menu-administration-titre">
            <div className="fr-sidemenu__inner">
              <button className="fr-sidemenu__btn" type="button" aria-expanded="false" aria-controls="menu-administration">
                Dans cette rubrique
              </button>
              <div className="fr-collapse" id="menu-administration">
                <p className="fr-sidemenu__title" id="menu-administration-titre">
                  Administration
                </p>
                <ul className="fr-sidemenu__list">
                  {sections.map((section) => (
                    <li key={section.to} className={`fr-sidemenu__item${isActive(section.to, section.end) ? " fr-sidemenu__item--active" : ""}`}>
                      <NavLink className="fr-sidemenu__link" to={section.to} end={section.end}>
                        {section.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </nav>
        </div>
        <div className="fr-col-12 fr-col-md-9">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
