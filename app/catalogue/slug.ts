// A kit's public address is made from its title: « Le coffret « Mes papiers en ligne » » becomes
// le-coffret-mes-papiers-en-ligne. Pure, so the page and the database agree on what a slug looks like.

export const SLUG_MAX = 80;
const TITLE_PART_MAX = 60;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Whether an address segment can be a kit's slug at all (anything else is simply not found). */
export function isSlug(segment: string | undefined): segment is string {
  return segment !== undefined && segment.length >= 3 && segment.length <= SLUG_MAX && SLUG.test(segment);
}

/** The slug a title gives: accents dropped, lowercase words joined by hyphens; `kit-<id>` when the title gives too little. */
export function kitSlug(title: string, proposalId: number): string {
  const words = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, TITLE_PART_MAX)
    .replace(/^-+|-+$/g, "");
  return words.length >= 3 ? words : `kit-${proposalId}`;
}

/** The slug when the title's is taken by another kit: the proposal's number makes it unique. */
export function distinctSlug(slug: string, proposalId: number): string {
  return `${slug}-${proposalId}`;
}
