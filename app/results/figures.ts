// How the jury's figures read in French, on pages and in e-mails. Pure; safe in the browser bundle.

// One formatter per number of digits: `toLocaleString` with options builds a new one at each call,
// which was a third of the deliberation's rendering at national size (thousands of figures).
const scoreFormats = new Map<number, Intl.NumberFormat>();

function scoreFormat(digits: number) {
  let format = scoreFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    scoreFormats.set(digits, format);
  }
  return format;
}

/** "3,25" — a 0–5 figure as the French read it, or "—" when undefined. */
export function formatScore(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return scoreFormat(digits).format(value).replace("-", "−");
}

/** "+0,40" / "−1,20": a signed offset (severity), with its sign always shown. */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const rounded = Number(value.toFixed(digits));
  const text = formatScore(Math.abs(rounded), digits);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}

/** Cents as typed in a French amount field: 18950 → "189,50". */
export function centsForInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return (cents / 100).toFixed(2).replace(".", ",");
}
