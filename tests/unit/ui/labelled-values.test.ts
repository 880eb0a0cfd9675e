import { describe, expect, it } from "vitest";
import { roleLabels, roles } from "~/accounts/roles";
import { scopeKinds } from "~/accounts/admin-schemas";
import { phases } from "~/contest/phase";
import { mailStatuses } from "~/mail/status";
import { proposalStatuses } from "~/submissions/statuses";
import { labelledValues } from "~/ui/labelled-values";

describe("labelledValues", () => {
  it("lists the values in the order their labels are written, each with its label", () => {
    const { values, labels } = labelledValues({ b: "Bé", a: "A" });
    expect(values).toEqual(["b", "a"]);
    expect(values.map((value) => labels[value])).toEqual(["Bé", "A"]);
  });

  it("keeps the order the domains rely on (form options, phase sequence)", () => {
    expect(roles).toEqual(["admin", "juror", "designer", "structure", "maker", "instructor"]);
    expect(roleLabels.designer).toBe("Candidat");
    expect(scopeKinds).toEqual(["national", "contest", "structure", "maker", "departement"]);
    expect(phases).toEqual(["draft", "submissions_open", "submissions_closed", "review", "deliberation", "results_published"]);
    expect(mailStatuses).toEqual(["kept", "queued", "sent", "failed"]);
    expect(proposalStatuses).toEqual(["draft", "submitted", "withdrawn", "eligible", "ineligible", "laureate", "not_retained"]);
  });
});
