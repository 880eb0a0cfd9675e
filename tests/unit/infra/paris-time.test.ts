import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { formatParis, fromParisLocal, NonexistentParisTime, parisOffsetMinutes, toParisLocal } from "~/infra/paris-time";

describe("Paris time", () => {
  test("winter is UTC+1 and summer UTC+2", () => {
    expect(fromParisLocal("2026-01-15T12:00").toISOString()).toBe("2026-01-15T11:00:00.000Z");
    expect(fromParisLocal("2026-07-15T12:00").toISOString()).toBe("2026-07-15T10:00:00.000Z");
  });

  test("the spring-forward gap has no instant and says so in French", () => {
    // 29 March 2026: clocks go from 02:00 to 03:00.
    expect(() => fromParisLocal("2026-03-29T02:30")).toThrow(NonexistentParisTime);
    expect(() => fromParisLocal("2026-03-29T02:30")).toThrow(/n'existe pas à Paris/);
    expect(fromParisLocal("2026-03-29T01:59").toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(fromParisLocal("2026-03-29T03:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  test("in the autumn overlap the earlier instant is taken", () => {
    // 25 October 2026: clocks go from 03:00 back to 02:00; 02:30 happens twice.
    expect(fromParisLocal("2026-10-25T02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fromParisLocal("2026-10-25T03:30").toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  test("invalid dates are refused", () => {
    for (const bad of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "demain", ""]) {
      expect(() => fromParisLocal(bad)).toThrow(RangeError);
    }
  });

  test.prop([fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })])(
    "an instant shown in Paris time and read back gives the same minute, except in the overlap hour",
    (instant) => {
      const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
      const back = fromParisLocal(toParisLocal(minute));
      const inOverlap = parisOffsetMinutes(minute) === 60 && parisOffsetMinutes(new Date(minute.getTime() - 3_600_000)) === 120;
      if (inOverlap) expect(back.getTime()).toBe(minute.getTime() - 3_600_000);
      else expect(back.getTime()).toBe(minute.getTime());
    },
  );

  test("formats in French, Paris time", () => {
    expect(formatParis(new Date("2026-07-15T10:00:00Z"))).toBe("15 juillet 2026 à 12:00");
  });
});
