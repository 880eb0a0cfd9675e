import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The DSFR "back" link above a page's title, to the page it belongs to. */
export function BackLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <p className={className}>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={to}>
        {children}
      </Link>
    </p>
  );
}
