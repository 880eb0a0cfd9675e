import { describe, expect, test } from "vitest";
import { landingPage } from "~/accounts/landing";
import type { Role } from "~/accounts/roles";

const as = (...roles: Role[]) => roles.map((role) => ({ role }));

describe("landing page after login", () => {
  test("each role lands in its own space", () => {
    expect(landingPage(as("admin"))).toBe("/admin");
    expect(landingPage(as("juror"))).toBe("/jury");
    expect(landingPage(as("designer"))).toBe("/candidat");
    expect(landingPage(as("structure"))).toBe("/structure");
    expect(landingPage(as("maker"))).toBe("/fabricant");
    expect(landingPage(as("instructor"))).toBe("/instruction");
  });

  test("without any role, the page where a person says what they came for", () => {
    expect(landingPage([])).toBe("/bienvenue");
  });

  test("several roles: admin, then juror, then instructor, then designer, then structure, then maker, whatever their order", () => {
    expect(landingPage(as("designer", "admin"))).toBe("/admin");
    expect(landingPage(as("designer", "juror"))).toBe("/jury");
    expect(landingPage(as("structure", "designer", "instructor"))).toBe("/instruction");
    expect(landingPage(as("instructor", "juror"))).toBe("/jury");
    expect(landingPage(as("maker", "structure", "designer"))).toBe("/candidat");
    expect(landingPage(as("maker", "structure"))).toBe("/structure");
    // One role held for several scopes counts once.
    expect(landingPage(as("maker", "juror", "juror"))).toBe("/jury");
  });
});
