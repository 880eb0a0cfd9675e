import { timeLeft } from "~/contest/time-left";
import { describe, expect, test } from "vitest";
import { calendarProblems, contestPhase } from "~/contest/phase";
import { fromParisLocal } from "~/infra/paris-time";
import { contestCalendar } from "../../support/calendar";

// The fixture calendar: its deadline falls on the night clocks change (29 March 2026).
const calendar = contestCalendar;

describe("contest phase", () => {
  test("follows the calendar", () => {
    expect(contestPhase(calendar, fromParisLocal("2026-02-28T23:59"))).toBe("draft");
    expect(contestPhase(calendar, fromParisLocal("2026-03-01T09:00"))).toBe("submissions_open");
    expect(contestPhase(calendar, fromParisLocal("2026-03-30T00:00"))).toBe("submissions_closed");
    expect(contestPhase(calendar, fromParisLocal("2026-04-10T00:00"))).toBe("review");
    expect(contestPhase(calendar, fromParisLocal("2026-05-10T00:00"))).toBe("deliberation");
    expect(contestPhase(calendar, fromParisLocal("2026-05-15T10:00"))).toBe("results_published");
  });

  test("a deadline on the daylight-saving night closes at noon Paris time (10:00 UTC), not an hour off", () => {
    expect(contestPhase(calendar, new Date("2026-03-29T09:59:59.999Z"))).toBe("submissions_open");
    expect(contestPhase(calendar, new Date("2026-03-29T10:00:00.000Z"))).toBe("submissions_closed");
  });

  test("one second after the deadline, submissions are closed", () => {
    expect(contestPhase(calendar, new Date(calendar.submissionsCloseAt.getTime() + 1000))).toBe("submissions_closed");
  });

  test("dates out of order are reported by field", () => {
    expect(calendarProblems(calendar)).toEqual([]);
    const broken = { ...calendar, reviewOpenAt: fromParisLocal("2026-03-20T09:00") };
    expect(calendarProblems(broken)).toEqual([
      { field: "reviewOpenAt", message: "L'évaluation ne peut commencer avant la clôture des candidatures." },
    ]);
  });
});

describe("time left before a deadline", () => {
  const at = (iso: string) => new Date(iso);
  test("in days and hours, hours and minutes, or less than a minute; nothing once past", () => {
    expect(timeLeft(at("2026-03-01T10:00:00Z"), at("2026-03-04T14:30:00Z"))).toBe("3 jours et 4 heures");
    expect(timeLeft(at("2026-03-01T10:00:00Z"), at("2026-03-02T10:00:00Z"))).toBe("1 jour");
    expect(timeLeft(at("2026-03-01T10:00:00Z"), at("2026-03-01T12:05:00Z"))).toBe("2 heures et 5 minutes");
    expect(timeLeft(at("2026-03-01T10:00:00Z"), at("2026-03-01T10:00:30Z"))).toBe("moins d'une minute");
    expect(timeLeft(at("2026-03-01T10:00:00Z"), at("2026-03-01T10:00:00Z"))).toBeNull();
  });
});
