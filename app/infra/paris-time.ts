import { z } from "zod";

// Instants are stored in UTC and entered and shown in Europe/Paris time, whatever the server's
// zone. Conversions go through Intl so daylight-saving changes follow the IANA database.

const offsetFormatter = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** Paris's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const name = offsetFormatter.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export class NonexistentParisTime extends Error {
  constructor(local: string) {
    super(`L'heure ${local.replace("T", " à ")} n'existe pas à Paris (passage à l'heure d'été) : choisissez une autre heure.`);
  }
}

/**
 * The instant at which Paris's wall clock shows `local` ("2026-03-29T14:00").
 * In the spring-forward gap there is none (NonexistentParisTime); in the autumn overlap,
 * the first of the two instants is taken, so a deadline never comes later than read.
 */
export function fromParisLocal(local: string): Date {
  const match = localPattern.exec(local);
  if (!match) throw new RangeError(`date et heure invalides : ${local}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) {
    throw new RangeError(`date et heure invalides : ${local}`);
  }
  // Candidates: the wall time read with each of Paris's two offsets; keep those that map back to it.
  const candidates = [120, 60]
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => parisOffsetMinutes(instant) * 60_000 === asUtc - instant.getTime());
  if (candidates.length === 0) throw new NonexistentParisTime(local);
  return candidates.reduce((a, b) => (a < b ? a : b));
}

/** Paris's wall clock at an instant, as "YYYY-MM-DDTHH:mm" (the value of a datetime-local input). */
export function toParisLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + parisOffsetMinutes(instant) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

const frenchFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  dateStyle: "long",
  timeStyle: "short",
});

/** "29 mars 2026 à 14:00", Paris time. */
export function formatParis(instant: Date): string {
  return frenchFormatter.format(instant);
}

// Short forms for tables and lists.
const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });
const dateOnly = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });

export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : "—";
}

export function formatDate(value: Date | string | null | undefined): string {
  return value ? dateOnly.format(new Date(value)) : "—";
}

/** A form field holding a Paris date and time (a datetime-local input): the instant, or a French message. */
export function parisDateTimeField(label: string) {
  return z
    .string({ required_error: `Indiquez ${label}.` })
    .trim()
    .min(1, `Indiquez ${label}.`)
    .transform((value, ctx) => {
      try {
        return fromParisLocal(value);
      } catch (error) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: error instanceof NonexistentParisTime ? error.message : `Indiquez ${label} au format jj/mm/aaaa hh:mm.`,
        });
        return z.NEVER;
      }
    });
}

/** The first day of the month Paris's calendar is in at an instant, as "YYYY-MM-01". */
export function parisMonth(instant: Date): string {
  return `${toParisLocal(instant).slice(0, 7)}-01`;
}
