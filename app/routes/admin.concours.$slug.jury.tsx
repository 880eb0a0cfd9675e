import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useParams } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";
import { BackLink } from "~/ui/back-link";

// The frame of a contest's jury pages: the way back and the three pages. Each page checks the
// role itself too, since Remix runs a child's loader even when this one refuses.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "admin" });
  return null;
}

export default function JuryFrame() {
  const { slug } = useParams();
  const base = `/admin/concours/${slug}/jury`;
  const pages = [
    { to: base, label: "Membres du jury", end: true },
    { to: `${base}/conflits`, label: "Conflits d'intérêts", end: false },
    { to: `${base}/affectation`, label: "Affectation et suivi", end: false },
  ];
  return (
    <>
      <BackLink to={`/admin/concours/${slug}`}>Retour au concours</BackLink>
      <nav aria-label="Pages du jury" className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {pages.map((page) => (
            <li key={page.to}>
              <NavLink to={page.to} end={page.end} className={({ isActive }) => `fr-btn fr-btn--sm ${isActive ? "" : "fr-btn--tertiary"}`}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
