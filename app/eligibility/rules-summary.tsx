import { formatDate } from "~/infra/paris-time";
import { describeCap, describeRule, type EligibilityRule, type PublishedList } from "./rules";

/**
 * A version of the rules in plain French, each list with its source and validity date (and
 * flagged when it is a sample), then the cap per structure: the same words on the public page,
 * the admin's page and a structure's page.
 */
export function RulesSummary({ rule }: { rule: Omit<EligibilityRule, "lists"> & { lists: readonly PublishedList[] } }) {
  return (
    <>
      <ul>
        {describeRule(rule).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
        <li>{describeCap(rule)}</li>
      </ul>
      {rule.territory === "lists" ? (
        <ul className="fr-text--sm">
          {rule.lists.map((list) => (
            <li key={list.id}>
              {`« ${list.name} » : ${list.source}, en vigueur depuis le ${formatDate(`${list.validFrom}T12:00:00Z`)}`}
              {list.isSample ? (
                <>
                  {" "}
                  <span className="fr-badge fr-badge--sm fr-badge--warning">Données d'exemple, pas une donnée officielle</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
