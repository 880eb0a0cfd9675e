import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { formatSiret } from "~/organisations/siret";
import { structureStatuses, type StructureStatus } from "~/structures/statuses";
import { decisionsOpen, reachOf, reviewActions, siretVerdict, transition, type ReviewAction } from "~/structures/verification";

describe("a structure's verification", () => {
  test("a pending structure is verified, rejected, or asked a question", () => {
    expect(transition("pending", "verified")).toEqual({ ok: true, status: "verified" });
    expect(transition("pending", "rejected")).toEqual({ ok: true, status: "rejected" });
    expect(transition("pending", "information_requested")).toEqual({ ok: true, status: "information_requested" });
  });

  test("a structure asked a question answers it and is pending again, or is decided without its answer", () => {
    expect(transition("information_requested", "information_provided")).toEqual({ ok: true, status: "pending" });
    expect(transition("information_requested", "verified")).toEqual({ ok: true, status: "verified" });
    expect(transition("information_requested", "rejected")).toEqual({ ok: true, status: "rejected" });
  });

  test("a second question waits for the answer to the first; a pending structure has nothing to answer", () => {
    expect(transition("information_requested", "information_requested")).toEqual({
      ok: false,
      message: expect.stringContaining("attendez sa réponse"),
    });
    expect(transition("pending", "information_provided")).toEqual({ ok: false, message: expect.stringContaining("Aucune question") });
  });

  test.prop([fc.constantFrom<StructureStatus>("verified", "rejected"), fc.constantFrom<ReviewAction>(...reviewActions)])(
    "verified and rejected are final: nothing moves them, and the refusal says so in French",
    (status, action) => {
      const result = transition(status, action);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/définitive/);
    },
  );

  test.prop([fc.constantFrom<StructureStatus>(...structureStatuses)])(
    "the decisions a page offers are exactly those the machine allows",
    (status) => {
      const offered = decisionsOpen(status);
      for (const action of ["verified", "information_requested", "rejected"] as const) {
        expect(offered.includes(action)).toBe(transition(status, action).ok);
      }
    },
  );
});

describe("where a reviewer's decisions reach", () => {
  const memberships = [
    { role: "admin", scope: "*" },
    { role: "instructor", scope: "departement:35" },
    { role: "instructor", scope: "departement:2A" },
    { role: "structure", scope: "structure:7" },
  ];

  test("in the admin space, a national admin reaches every département", () => {
    expect(reachOf(memberships, "admin")).toBe("all");
  });

  test("in the instruction space, only the instructor's départements, even for someone who is also an admin", () => {
    expect(reachOf(memberships, "instruction")).toEqual(["35", "2A"]);
  });

  test("without the space's role, nothing is within reach", () => {
    expect(reachOf([{ role: "instructor", scope: "departement:35" }], "admin")).toEqual([]);
    expect(reachOf([{ role: "admin", scope: "*" }], "instruction")).toEqual([]);
  });
});

describe("the SIRET as the reviewer sees it", () => {
  test("a valid key, La Poste's exception, or an invalid key", () => {
    expect(siretVerdict("13002526500013")).toBe("valid_key");
    expect(siretVerdict("35600000000001")).toBe("la_poste_exception");
    expect(siretVerdict("35600000000048")).toBe("valid_key");
    expect(siretVerdict("13002526500014")).toBe("invalid");
    expect(siretVerdict("123")).toBe("invalid");
  });

  test("written in groups, SIREN first", () => {
    expect(formatSiret("13002526500013")).toBe("130 025 265 00013");
  });
});
