import { Notice } from "~/ui/form";
import type { EligibilityRule, PublishedList, Verdict } from "./rules";
import { RulesSummary } from "./rules-summary";

/**
 * What a structure's page says about its eligibility in the current campaign: eligible, with
 * what it may order; or not (yet), with every rule that keeps it from ordering.
 */
export function EligibilityNotice({
  verdict,
  rule,
}: {
  verdict: Verdict;
  rule: (Omit<EligibilityRule, "lists"> & { lists: readonly PublishedList[] }) | null;
}) {
  if (verdict.eligible) {
    return (
      <Notice kind="success" title="Votre structure est éligible">
        <p>Elle peut commander des kits pendant la période de commande.</p>
        {rule ? <RulesSummary rule={rule} /> : null}
      </Notice>
    );
  }
  const onlyVerification = verdict.exclusions.every((exclusion) => exclusion.rule === "verification");
  return (
    <Notice
      kind={onlyVerification ? "info" : "warning"}
      title={onlyVerification ? "Votre structure n'est pas encore éligible" : "Votre structure n'est pas éligible"}
    >
      <ul>
        {verdict.exclusions.map((exclusion) => (
          <li key={exclusion.rule}>{exclusion.message}</li>
        ))}
      </ul>
    </Notice>
  );
}
