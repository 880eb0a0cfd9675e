import { describeCap, describeRule, type EligibilityRule } from "~/eligibility/rules";
import { formatDateTime } from "~/infra/paris-time";
import { DataTable } from "~/ui/data-table";

type Version = EligibilityRule & { reason: string | null; createdByName: string | null; createdAt: string | Date };

/** Every version of the campaign's rules, the latest first, with who changed them and why. */
export function RulesHistory({ history }: { history: readonly Version[] }) {
  if (history.length === 0) return null;
  return (
    <>
      <h2 className="fr-mt-6w">Historique des versions</h2>
      <DataTable
        caption="Versions des règles d'éligibilité, la plus récente d'abord"
        hideCaption
        headers={["Version", "Enregistrée le", "Par", "Règles", "Raison du changement"]}
        rowHeaders
        rows={history.map((version) => ({
          key: version.version,
          cells: [
            version.version,
            formatDateTime(version.createdAt),
            version.createdByName ?? "—",
            <ul key="rules" className="fr-text--sm fr-mb-0">
              {[...describeRule(version), describeCap(version)].map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>,
            version.reason ?? "—",
          ],
        }))}
      />
    </>
  );
}
