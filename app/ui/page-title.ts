const PORTAL = "Kits d'inclusion numérique";

/**
 * A page's <title>: from the most specific to the portal, as the DSFR asks, so that tabs and
 * screen readers say first what differs: "Ma proposition — Espace candidat — Kits d'inclusion numérique".
 */
export function pageTitle(...parts: (string | null | undefined)[]): string {
  return [...parts.filter((part): part is string => Boolean(part && part.trim())), PORTAL].join(" — ");
}
