/**
 * A place name as the commune search compares it: lower case, accents and ligatures gone,
 * hyphens, apostrophes and repeated spaces as one space. « Saint-Étienne », « saint etienne » and
 * « ST ETIENNE »… the last is a different spelling, and stays one.
 */
export function searchName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
