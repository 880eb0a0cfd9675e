import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * A click handler for an element whose links are plain anchors (RenderedOnce's content cannot use
 * Remix's <Link>, which reads the router): a plain click on a link to one of the portal's pages
 * navigates without reloading the page, as <Link> does. Any other click (new tab, download, another
 * site, an anchor within the page such as the skip links) is left to the browser.
 */
export function useFollowLinksInPage() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    const href = link?.getAttribute("href");
    if (!link || !href || !/^\/(?![/\\])/.test(href) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    event.preventDefault();
    // A link to the page shown replaces it in the history, as <Link> does.
    const { pathname, search, hash } = window.location;
    navigate(href, { replace: href === pathname + search + hash });
  };
}
