import { Link, useLocation } from "@remix-run/react";
import type { Paged } from "~/infra/paging";
import { plural } from "./plural";

/** "120 structures, page 2 sur 5." or, from a bounded count, "Plus de 500 structures, page 2." */
export function pagedSummary({ total, page, pageCount, more }: Paged<unknown>, singular: string, pluralForm?: string): string {
  if (more) return `Plus de ${plural(total, singular, pluralForm)}, page ${page}.`;
  return `${plural(total, singular, pluralForm)}${pageCount > 1 ? `, page ${page} sur ${pageCount}` : ""}.`;
}

/** Pages around the current one, with the first and last; null marks a gap. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= radius) pages.push(p);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return pages;
}

/**
 * DSFR pagination; links keep the page's other query parameters (search, filters). `more`: pages
 * follow `pageCount` whose number is not known (a bounded count), so no link to the last page.
 */
export function Pagination({
  page,
  pageCount,
  more = false,
  label = "Pagination",
}: {
  page: number;
  pageCount: number;
  more?: boolean;
  label?: string;
}) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefOf = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
  const edge = (target: number, disabled: boolean, className: string, text: string) =>
    disabled ? (
      <a className={`fr-pagination__link ${className}`} aria-disabled="true" role="link">
        {text}
      </a>
    ) : (
      <Link className={`fr-pagination__link ${className}`} to={hrefOf(target)}>
        {text}
      </Link>
    );
  return (
    <nav role="navigation" className="fr-pagination fr-mt-3w" aria-label={label}>
      <ul className="fr-pagination__list">
        <li>{edge(1, page <= 1, "fr-pagination__link--first", "Première page")}</li>
        <li>{edge(page - 1, page <= 1, "fr-pagination__link--prev fr-pagination__link--lg-label", "Page précédente")}</li>
        {pageWindow(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`}>
              <span className="fr-pagination__link">…</span>
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <a className="fr-pagination__link" aria-current="page" title={`Page ${p}`}>
                  {p}
                </a>
              ) : (
                <Link className="fr-pagination__link" to={hrefOf(p)} title={`Page ${p}`}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {more ? (
          <li>
            <span className="fr-pagination__link">…</span>
          </li>
        ) : null}
        <li>{edge(page + 1, page >= pageCount && !more, "fr-pagination__link--next fr-pagination__link--lg-label", "Page suivante")}</li>
        {more ? null : <li>{edge(pageCount, page >= pageCount, "fr-pagination__link--last", "Dernière page")}</li>}
      </ul>
    </nav>
  );
}
